package io.berth.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.CliCommand;
import io.berth.cli.Inputs;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth job schedule add <job> [FILE]}. */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Add a schedule (JSON: id, cron, timezone, ...) to a job.",
    footerHeading = "%nExample:%n", footer = "  berth job schedule add hello.job every-5-minutes.json")
public final class JobScheduleAddCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "JOB", description = "The job's id.")
  String job;

  @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "The schedule's JSON (default: stdin).")
  Path file;

  @Override
  protected void execute() {
    JsonNode schedule = session().metronome().addSchedule(job, Inputs.json(file, System.in));
    out().println("Added schedule " + schedule.path("id").asText() + " to job " + job
        + (schedule.hasNonNull("nextRunAt") ? " (next run " + schedule.get("nextRunAt").asText() + ")" : ""));
  }
}

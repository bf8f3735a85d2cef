package io.berth.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.CliCommand;
import io.berth.cli.CliFailure;
import io.berth.cli.Inputs;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth job schedule update <job> [FILE]}: replaces the schedule the JSON names by its id. */
@Command(name = "update", mixinStandardHelpOptions = true, description = "Replace one of a job's schedules (the one the JSON's id names).",
    footerHeading = "%nExample:%n", footer = "  berth job schedule update hello.job every-5-minutes.json")
public final class JobScheduleUpdateCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "JOB", description = "The job's id.")
  String job;

  @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "The schedule's JSON (default: stdin).")
  Path file;

  @Override
  protected void execute() {
    JsonNode schedule = Inputs.json(file, System.in);
    String id = schedule.path("id").asText("");
    if (id.isEmpty()) {
      throw CliFailure.usage("the schedule's JSON needs its \"id\"");
    }
    session().metronome().replaceSchedule(job, id, schedule);
    out().println("Updated schedule " + id + " of job " + job);
  }
}

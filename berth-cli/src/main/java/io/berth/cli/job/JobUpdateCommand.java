package io.berth.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.cli.CliCommand;
import io.berth.cli.CliFailure;
import io.berth.cli.Inputs;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth job update <id> [FILE]}: replaces a job's definition. */
@Command(name = "update", mixinStandardHelpOptions = true, description = "Replace a job's definition with JSON (a file, or stdin).",
    footerHeading = "%nExample:%n", footer = "  berth job update hello.job hello-job.json")
public final class JobUpdateCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "JOB", description = "The job's id.")
  String job;

  @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "The job's JSON (default: stdin).")
  Path file;

  @Override
  protected void execute() {
    JsonNode spec = Inputs.json(file, System.in);
    if (!spec.isObject()) {
      throw CliFailure.usage("a job definition is a JSON object");
    }
    if (!spec.has("id")) {
      ((ObjectNode) spec).put("id", job);
    } else if (!spec.get("id").asText().equals(job)) {
      throw CliFailure.usage("the file defines job '" + spec.get("id").asText() + "', not '" + job + "'");
    }
    session().metronome().replaceJob(job, spec);
    out().println("Updated job " + job);
  }
}

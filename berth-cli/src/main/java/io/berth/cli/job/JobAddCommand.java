package io.berth.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.CliCommand;
import io.berth.cli.Inputs;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth job add [FILE]}: creates a job from its JSON definition. */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Add a job from its JSON definition (a file, or stdin).",
    footerHeading = "%nExample:%n", footer = "  berth job add hello-job.json")
public final class JobAddCommand extends CliCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The job's JSON (default: stdin).")
  Path file;

  @Override
  protected void execute() {
    JsonNode job = session().metronome().createJob(Inputs.json(file, System.in));
    out().println("Created job " + job.path("id").asText());
  }
}

package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.CliCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth marathon task kill <id>...}: kills tasks; with --scale their apps shrink instead of replacing them. */
@Command(name = "kill", mixinStandardHelpOptions = true,
    description = "Kill tasks by id: Marathon replaces them, unless --scale scales their apps down.",
    footerHeading = "%nExample:%n", footer = "  berth marathon task kill --scale web.instance-1a2b3c4d._app.1")
public final class MarathonTaskKillCommand extends CliCommand {
  @Parameters(arity = "1..*", paramLabel = "TASK", description = "Task ids.")
  List<String> tasks;

  @Option(names = "--scale", description = "Scale the apps down by the killed tasks.")
  boolean scale;

  @Option(names = "--wipe", description = "Also forget the tasks' reservations and volumes.")
  boolean wipe;

  @Override
  protected void execute() {
    JsonNode answer = session().marathon().killTasks(tasks, scale, wipe);
    if (answer.hasNonNull("deploymentId")) {
      out().println("Created deployment " + answer.get("deploymentId").asText());
    } else {
      answer.path("tasks").forEach(t -> out().println("Killed task " + t.path("id").asText()));
    }
  }
}

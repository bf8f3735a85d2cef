package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.CliCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth marathon task stop <id>}: stops one task (Marathon replaces it). */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop one task; Marathon starts a replacement.",
    footerHeading = "%nExample:%n", footer = "  berth marathon task stop web.instance-1a2b3c4d._app.1")
public final class MarathonTaskStopCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "TASK", description = "The task's id.")
  String task;

  @Option(names = "--wipe", description = "Also forget the task's reservations and volumes.")
  boolean wipe;

  @Override
  protected void execute() {
    JsonNode answer = session().marathon().killTasks(List.of(task), false, wipe);
    if (answer.path("tasks").isEmpty()) {
      throw io.berth.cli.CliFailure.usage("Marathon has no task '" + task + "' (berth marathon task list)");
    }
    out().println("Stopped task " + task);
  }
}

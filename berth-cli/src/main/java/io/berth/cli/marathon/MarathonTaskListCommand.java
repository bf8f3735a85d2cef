package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.ReadCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth marathon task list [APP]}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List Marathon's tasks (of one app).",
    footerHeading = "%nExample:%n", footer = "  berth marathon task list /web")
public final class MarathonTaskListCommand extends ReadCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "APP", description = "Only this app's tasks.")
  String app;

  @Override
  protected JsonNode fetch() {
    return (app == null ? session().marathon().tasks() : session().marathon().appTasks(app)).path("tasks");
  }

  @Override
  protected String render(JsonNode tasks) {
    return MarathonTables.tasks(tasks).render();
  }
}

package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.CliFailure;
import io.berth.cli.ReadCommand;
import io.berth.common.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth marathon task show <id>}: one task as JSON. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one of Marathon's tasks as JSON.",
    footerHeading = "%nExample:%n", footer = "  berth marathon task show web.instance-1a2b3c4d._app.1")
public final class MarathonTaskShowCommand extends ReadCommand {
  @Parameters(index = "0", paramLabel = "TASK", description = "The task's id.")
  String task;

  @Override
  protected JsonNode fetch() {
    for (JsonNode t : session().marathon().tasks().path("tasks")) {
      if (t.path("id").asText().equals(task)) {
        return t;
      }
    }
    throw CliFailure.usage("Marathon has no task '" + task + "' (berth marathon task list)");
  }

  @Override
  protected String render(JsonNode t) {
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(t) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.ReadCommand;
import io.berth.common.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth marathon group show <id>}: a group as JSON. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a group with its apps and groups as JSON.",
    footerHeading = "%nExample:%n", footer = "  berth marathon group show /shop")
public final class GroupShowCommand extends ReadCommand {
  @Parameters(index = "0", paramLabel = "GROUP", description = "The group's id.")
  String group;

  @Override
  protected JsonNode fetch() {
    return session().marathon().group(group);
  }

  @Override
  protected String render(JsonNode g) {
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(g) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.ReadCommand;
import io.berth.common.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth marathon pod show <id>}: a pod's definition as JSON. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a pod as JSON.",
    footerHeading = "%nExample:%n", footer = "  berth marathon pod show /db")
public final class PodShowCommand extends ReadCommand {
  @Parameters(index = "0", paramLabel = "POD", description = "The pod's id.")
  String pod;

  @Override
  protected JsonNode fetch() {
    return session().marathon().pod(pod);
  }

  @Override
  protected String render(JsonNode p) {
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(p) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

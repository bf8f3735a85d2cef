package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.ReadCommand;
import io.berth.common.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth marathon pod show <id>}: a pod's definition (or, with {@code --status}, its instances) as JSON. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show a pod as JSON; --status shows its status with its instances and containers.",
    footerHeading = "%nExample:%n", footer = "  berth marathon pod show /db")
public final class PodShowCommand extends ReadCommand {
  @Parameters(index = "0", paramLabel = "POD", description = "The pod's id.")
  String pod;

  @picocli.CommandLine.Option(names = "--status", description = "Show the pod's status (instances, containers, endpoints).")
  boolean status;

  @Override
  protected JsonNode fetch() {
    return status ? session().marathon().podStatus(pod) : session().marathon().pod(pod);
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

package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.ReadCommand;
import picocli.CommandLine.Command;

/** {@code berth marathon pod list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the pods.",
    footerHeading = "%nExample:%n", footer = "  berth marathon pod list --json")
public final class PodListCommand extends ReadCommand {
  @Override
  protected JsonNode fetch() {
    return session().marathon().pods();
  }

  @Override
  protected String render(JsonNode pods) {
    return MarathonTables.pods(pods).render();
  }
}

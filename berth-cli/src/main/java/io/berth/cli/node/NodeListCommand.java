package io.berth.cli.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.ReadCommand;
import picocli.CommandLine.Command;

/** {@code berth node list}: the agents of the cluster. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the cluster's agents.",
    footerHeading = "%nExample:%n", footer = "  berth node list --json")
public final class NodeListCommand extends ReadCommand {
  @Override
  protected JsonNode fetch() {
    return session().mesos().agents().path("slaves");
  }

  @Override
  protected String render(JsonNode agents) {
    return MesosTables.agents(agents).render();
  }
}

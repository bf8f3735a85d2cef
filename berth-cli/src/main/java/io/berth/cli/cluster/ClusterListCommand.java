package io.berth.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.cli.ReadCommand;
import io.berth.cli.config.ClusterConfig;
import io.berth.cli.config.ClusterStore;
import io.berth.cli.output.Table;
import io.berth.common.json.Json;
import picocli.CommandLine.Command;

/** {@code berth cluster list}: the clusters that are set up; the attached one is marked. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the clusters that are set up.",
    footerHeading = "%nExample:%n", footer = "  berth cluster list --json")
public final class ClusterListCommand extends ReadCommand {
  @Override
  protected JsonNode fetch() {
    ClusterStore store = store();
    String attached = store.attached().map(ClusterConfig::id).orElse(null);
    ArrayNode array = Json.mapper().createArrayNode();
    for (ClusterConfig c : store.list()) {
      ObjectNode o = Json.mapper().valueToTree(c);
      o.put("attached", c.id().equals(attached));
      o.put("loggedIn", store.token(c.id()).isPresent());
      array.add(o);
    }
    return array;
  }

  @Override
  protected String render(JsonNode clusters) {
    return ClusterTables.clusters(clusters).render();
  }
}

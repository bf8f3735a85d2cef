package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.berth.cli.ReadCommand;
import io.berth.common.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth marathon deployment list [APP]}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the running deployments (of one app).",
    footerHeading = "%nExample:%n", footer = "  berth marathon deployment list /web")
public final class DeploymentListCommand extends ReadCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "APP", description = "Only deployments that affect this app.")
  String app;

  @Override
  protected JsonNode fetch() {
    ArrayNode out = Json.mapper().createArrayNode();
    String id = app == null ? null : app.startsWith("/") ? app : "/" + app;
    for (JsonNode d : session().marathon().deployments()) {
      boolean affects = false;
      for (JsonNode a : d.path("affectedApps")) {
        affects |= a.asText().equals(id);
      }
      if (id == null || affects) {
        out.add(d);
      }
    }
    return out;
  }

  @Override
  protected String render(JsonNode deployments) {
    return MarathonTables.deployments(deployments).render();
  }
}

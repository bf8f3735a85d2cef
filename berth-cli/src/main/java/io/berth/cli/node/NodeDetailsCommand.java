package io.berth.cli.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.CliFailure;
import io.berth.cli.ReadCommand;
import io.berth.cli.output.Table;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth node details <id>}: one agent. */
@Command(name = "details", mixinStandardHelpOptions = true, description = "Show one agent: resources, use, attributes.",
    footerHeading = "%nExample:%n", footer = "  berth node details 6e2b...-S0")
public final class NodeDetailsCommand extends ReadCommand {
  @Parameters(index = "0", paramLabel = "AGENT", description = "The agent's id (or a unique part of it), hostname or IP.")
  String agent;

  @Override
  protected JsonNode fetch() {
    List<JsonNode> matches = new ArrayList<>();
    for (JsonNode a : session().mesos().agents().path("slaves")) {
      if (a.path("id").asText().equals(agent)) {
        return a;
      }
      if (a.path("id").asText().contains(agent) || a.path("hostname").asText().equals(agent) || MesosTables.ip(a).equals(agent)) {
        matches.add(a);
      }
    }
    if (matches.size() != 1) {
      throw CliFailure.usage(matches.isEmpty() ? "no agent matches '" + agent + "' (berth node list shows them)"
          : matches.size() + " agents match '" + agent + "': give its full id");
    }
    return matches.getFirst();
  }

  @Override
  protected String render(JsonNode a) {
    Table table = Table.of("FIELD", "VALUE");
    table.row("id", a.path("id").asText()).row("hostname", a.path("hostname").asText()).row("ip", MesosTables.ip(a))
        .row("active", a.path("active").asBoolean()).row("version", a.path("version").asText());
    for (String kind : List.of("resources", "used_resources")) {
      JsonNode r = a.path(kind);
      table.row(kind.replace('_', ' '), "cpus " + MesosTables.number(r.path("cpus")) + ", mem " + MesosTables.number(r.path("mem"))
          + " MiB, disk " + MesosTables.number(r.path("disk")) + " MiB" + (r.has("ports") ? ", ports " + r.path("ports").asText() : ""));
    }
    a.path("attributes").fields().forEachRemaining(e -> table.row("attribute " + e.getKey(), e.getValue().asText()));
    JsonNode domain = a.path("domain").path("fault_domain");
    if (!domain.isMissingNode()) {
      table.row("region", domain.path("region").path("name").asText()).row("zone", domain.path("zone").path("name").asText());
    }
    return table.render();
  }
}

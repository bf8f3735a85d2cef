package io.berth.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.cli.CliFailure;
import io.berth.cli.ReadCommand;
import io.berth.cli.output.Table;
import io.berth.common.json.Json;
import java.util.Iterator;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth config show [key]}: the attached cluster's settings (the token masked). */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show the attached cluster's settings, or one of them.",
    footerHeading = "%nExample:%n", footer = "  berth config show core.timeout")
public final class ConfigShowCommand extends ReadCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "KEY", description = "One setting, e.g. cluster.url.")
  String key;

  @Override
  protected JsonNode fetch() {
    ClusterStore store = store();
    ClusterConfig c = store.requireAttached();
    ObjectNode all = Json.mapper().createObjectNode();
    all.put("cluster.id", c.id()).put("cluster.name", c.name()).put("cluster.url", c.url())
        .put("cluster.ca_fingerprint", c.caFingerprint()).put("cluster.config_dir", store.root().toString())
        .put("core.timeout", c.timeoutSeconds())
        .put("core.token", store.token(c.id()).map(t -> "********").orElse(""));
    if (key == null) {
      return all;
    }
    if (!all.has(key)) {
      throw CliFailure.usage("no setting '" + key + "'; settings: " + String.join(", ", names(all)));
    }
    return Json.mapper().createObjectNode().set(key, all.get(key));
  }

  private static java.util.List<String> names(ObjectNode all) {
    java.util.List<String> names = new java.util.ArrayList<>();
    all.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Override
  protected String render(JsonNode settings) {
    if (key != null) {
      return settings.get(key).asText() + "\n";
    }
    Table table = Table.of("KEY", "VALUE");
    for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      table.row(e.getKey(), e.getValue().asText());
    }
    return table.render();
  }
}

package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.berth.cli.CliFailure;
import io.berth.cli.ReadCommand;
import io.berth.common.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth marathon app version list <id>}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List an app's versions, newest first.",
    footerHeading = "%nExample:%n", footer = "  berth app version list /web --max-count 5")
public final class AppVersionListCommand extends ReadCommand {
  @Parameters(index = "0", paramLabel = "APP", description = "The app's id.")
  String app;

  @Option(names = "--max-count", paramLabel = "N", description = "At most this many versions.")
  Integer maxCount;

  @Override
  protected JsonNode fetch() {
    if (maxCount != null && maxCount <= 0) {
      throw CliFailure.usage("--max-count must be positive");
    }
    JsonNode versions = session().marathon().versions(app).path("versions");
    ArrayNode out = Json.mapper().createArrayNode();
    for (JsonNode v : versions) {
      if (maxCount == null || out.size() < maxCount) {
        out.add(v);
      }
    }
    return out;
  }

  @Override
  protected String render(JsonNode versions) {
    return MarathonTables.versions(versions).render();
  }
}

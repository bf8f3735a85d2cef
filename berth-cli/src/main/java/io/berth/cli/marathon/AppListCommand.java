package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.ReadCommand;
import picocli.CommandLine.Command;

/** {@code berth marathon app list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the apps with their tasks, health and deployments.",
    footerHeading = "%nExample:%n", footer = "  berth app list --json")
public final class AppListCommand extends ReadCommand {
  @Override
  protected JsonNode fetch() {
    return session().marathon().apps().path("apps");
  }

  @Override
  protected String render(JsonNode apps) {
    return MarathonTables.apps(apps).render();
  }
}

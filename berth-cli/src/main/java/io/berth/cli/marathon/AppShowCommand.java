package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.ReadCommand;
import io.berth.common.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth marathon app show <id>}: an app's definition and state (JSON, as DC/OS shows it). */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show an app (or one of its versions) as JSON.",
    footerHeading = "%nExample:%n", footer = "  berth app show /web --app-version 2026-01-01T00:00:00.000Z")
public final class AppShowCommand extends ReadCommand {
  @Parameters(index = "0", paramLabel = "APP", description = "The app's id.")
  String app;

  @Option(names = "--app-version", paramLabel = "VERSION", description = "A version of the app (berth app version list).")
  String version;

  @Override
  protected JsonNode fetch() {
    return version == null ? session().marathon().app(app) : session().marathon().appVersion(app, version);
  }

  @Override
  protected String render(JsonNode app) {
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(app) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

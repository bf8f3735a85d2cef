package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.Inputs;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth marathon app update <id> [key=value...]}: a partial update from properties or a JSON file. */
@Command(name = "update", mixinStandardHelpOptions = true,
    description = {"Update an app: the given fields replace the current ones.",
        "Give key=value properties (values are JSON when they parse as JSON), or a JSON file with --file (or stdin)."},
    footerHeading = "%nExample:%n", footer = "  berth marathon app update /web instances=3 --wait")
public final class AppUpdateCommand extends DeployingCommand {
  @Parameters(index = "0", paramLabel = "APP", description = "The app's id.")
  String app;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "KEY=VALUE", description = "Fields to change, e.g. instances=3.")
  List<String> properties;

  @Option(names = "--file", paramLabel = "FILE", description = "A JSON object with the fields to change ('-' for stdin).")
  Path file;

  @Option(names = "--force", description = "Update even while another deployment holds the app.")
  boolean force;

  @Override
  protected void execute() {
    JsonNode update = properties == null || properties.isEmpty() ? Inputs.json(file, System.in) : Inputs.properties(properties);
    deployed(session().marathon().updateApp(app, update, force), List.of(app.startsWith("/") ? app : "/" + app));
  }
}

package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.Inputs;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth marathon app add [FILE]}: creates an app from its JSON definition. */
@Command(name = "add", mixinStandardHelpOptions = true,
    description = "Add an app from its JSON definition (a file, or stdin); --wait follows the deployment.",
    footerHeading = "%nExample:%n", footer = "  berth marathon app add web.json --wait")
public final class AppAddCommand extends DeployingCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The app's JSON (default: stdin).")
  Path file;

  @Override
  protected void execute() {
    JsonNode app = Inputs.json(file, System.in);
    JsonNode answer = session().marathon().createApp(app);
    deployed(answer, List.of(answer.path("id").asText()));
  }
}

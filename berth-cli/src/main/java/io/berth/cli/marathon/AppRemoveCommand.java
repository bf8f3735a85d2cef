package io.berth.cli.marathon;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth marathon app remove <id>}. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an app and kill its tasks.",
    footerHeading = "%nExample:%n", footer = "  berth app remove /web --wait")
public final class AppRemoveCommand extends DeployingCommand {
  @Parameters(index = "0", paramLabel = "APP", description = "The app's id.")
  String app;

  @Option(names = "--force", description = "Remove even while a deployment holds the app.")
  boolean force;

  @Override
  protected void execute() {
    deployed(session().marathon().removeApp(app, force), List.of(app.startsWith("/") ? app : "/" + app));
  }
}

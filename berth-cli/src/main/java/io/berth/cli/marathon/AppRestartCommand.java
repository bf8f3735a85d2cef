package io.berth.cli.marathon;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth marathon app restart <id>}: a rolling restart. */
@Command(name = "restart", mixinStandardHelpOptions = true, description = "Restart an app's tasks (a rolling restart by its upgrade strategy).",
    footerHeading = "%nExample:%n", footer = "  berth app restart /web --wait")
public final class AppRestartCommand extends DeployingCommand {
  @Parameters(index = "0", paramLabel = "APP", description = "The app's id.")
  String app;

  @Option(names = "--force", description = "Restart even while a deployment holds the app.")
  boolean force;

  @Override
  protected void execute() {
    deployed(session().marathon().restartApp(app, force), List.of(app.startsWith("/") ? app : "/" + app));
  }
}

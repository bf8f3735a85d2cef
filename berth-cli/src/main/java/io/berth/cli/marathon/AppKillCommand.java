package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.CliCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth marathon app kill <id>}: kills an app's tasks (Marathon replaces them unless --scale). */
@Command(name = "kill", mixinStandardHelpOptions = true,
    description = "Kill an app's tasks (all, or those on --host); Marathon replaces them unless --scale scales the app down.",
    footerHeading = "%nExample:%n", footer = "  berth app kill /web --host 127.0.0.2 --scale")
public final class AppKillCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "APP", description = "The app's id.")
  String app;

  @Option(names = "--scale", description = "Scale the app down by the number of killed tasks.")
  boolean scale;

  @Option(names = "--host", description = "Only the tasks on this host.")
  String host;

  @Override
  protected void execute() {
    JsonNode answer = session().marathon().killAppTasks(app, scale, host);
    if (answer.hasNonNull("deploymentId")) {
      out().println("Created deployment " + answer.get("deploymentId").asText());
    }
    int killed = answer.path("tasks").size();
    out().println(scale && answer.hasNonNull("deploymentId") ? "Scaling down " + app : "Killed " + killed + " task(s) of " + app);
  }
}

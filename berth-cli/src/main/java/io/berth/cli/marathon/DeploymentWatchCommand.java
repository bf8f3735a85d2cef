package io.berth.cli.marathon;

import io.berth.cli.output.WaitLimits;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth marathon deployment watch <id>}: follows a running deployment with progress until it ends. */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = "Follow a deployment until it ends: its apps' instances running and healthy against the target.",
    footerHeading = "%nExample:%n", footer = "  berth marathon deployment watch 5ed4c0c5-9ff8-4a6f-a0cd-f57f59a34b43")
public final class DeploymentWatchCommand extends io.berth.cli.CliCommand {
  @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "The deployment's id.")
  String deployment;

  @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS", description = "Give up after this long (default ${DEFAULT-VALUE} s).")
  int timeoutSeconds;

  @Override
  protected void execute() {
    boolean exists = false;
    for (var d : session().marathon().deployments()) {
      exists |= d.path("id").asText().equals(deployment);
    }
    if (!exists) {
      throw io.berth.cli.CliFailure.usage("no deployment " + deployment + " is running (berth marathon deployment list)");
    }
    new DeploymentWait(session().marathon(), progress(), WaitLimits.of(timeoutSeconds, DeploymentWait.POLL))
        .await(deployment, List.of());
  }
}

package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth marathon deployment rollback <id>}: cancels a deployment and deploys what was there before it. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
    description = "Cancel a deployment and roll its apps back to what they were before it (a new deployment).",
    footerHeading = "%nExample:%n", footer = "  berth marathon deployment rollback 5ed4c0c5-9ff8-4a6f-a0cd-f57f59a34b43 --wait")
public final class DeploymentRollbackCommand extends DeployingCommand {
  @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "The deployment's id.")
  String deployment;

  @Override
  protected void execute() {
    JsonNode answer = session().marathon().cancelDeployment(deployment, false);
    deployed(answer, List.of());
  }
}

package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.CliCommand;
import io.berth.cli.output.WaitLimits;
import java.util.List;
import picocli.CommandLine.Option;

/** A Marathon command that starts a deployment: prints its id, and with {@code --wait} follows it to the end. */
public abstract class DeployingCommand extends CliCommand {
  @Option(names = "--wait", description = "Wait for the deployment, with progress (running and healthy instances against the target).")
  boolean await;

  @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
      description = "With --wait: give up after this long (default ${DEFAULT-VALUE} s; the deployment goes on).")
  int timeoutSeconds;

  /** Reports the deployment an answer names ({@code deploymentId} or {@code deployments[0].id}) and waits if asked. */
  protected void deployed(JsonNode answer, List<String> apps) {
    String id = answer.hasNonNull("deploymentId") ? answer.get("deploymentId").asText()
        : answer.path("deployments").path(0).path("id").asText(null);
    if (id == null) {
      out().println("Done.");
      return;
    }
    out().println("Created deployment " + id);
    out().flush();
    if (await) {
      new DeploymentWait(session().marathon(), progress(), WaitLimits.of(timeoutSeconds, DeploymentWait.POLL))
          .await(id, apps);
    }
  }
}

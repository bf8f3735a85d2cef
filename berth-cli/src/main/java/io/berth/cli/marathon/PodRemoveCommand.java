package io.berth.cli.marathon;

import io.berth.cli.output.WaitLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth marathon pod remove <id>}. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a pod and kill its instances.",
    footerHeading = "%nExample:%n", footer = "  berth marathon pod remove /db")
public final class PodRemoveCommand extends DeployingCommand {
  @Parameters(index = "0", paramLabel = "POD", description = "The pod's id.")
  String pod;

  @Option(names = "--force", description = "Remove even while a deployment holds the pod.")
  boolean force;

  @Override
  protected void execute() {
    session().marathon().removePod(pod, force);
    out().println("Removed pod " + pod);
    out().flush();
    if (await) {
      new PodWait(session().marathon(), progress(), WaitLimits.of(timeoutSeconds, DeploymentWait.POLL))
          .await(pod.startsWith("/") ? pod : "/" + pod, true);
    }
  }
}

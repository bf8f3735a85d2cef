package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.Inputs;
import io.berth.cli.output.WaitLimits;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth marathon pod update <id> [FILE]}: replaces a pod's definition. */
@Command(name = "update", mixinStandardHelpOptions = true, description = "Replace a pod's definition with JSON (a file, or stdin).",
    footerHeading = "%nExample:%n", footer = "  berth marathon pod update /db pod.json")
public final class PodUpdateCommand extends DeployingCommand {
  @Parameters(index = "0", paramLabel = "POD", description = "The pod's id.")
  String pod;

  @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "The pod's JSON (default: stdin).")
  Path file;

  @Option(names = "--force", description = "Update even while a deployment holds the pod.")
  boolean force;

  @Override
  protected void execute() {
    JsonNode answer = session().marathon().updatePod(pod, Inputs.json(file, System.in), force);
    out().println("Updated pod " + answer.path("id").asText(pod));
    out().flush();
    if (await) {
      new PodWait(session().marathon(), progress(), WaitLimits.of(timeoutSeconds, DeploymentWait.POLL))
          .await(answer.path("id").asText(pod), false);
    }
  }
}

package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.Inputs;
import io.berth.cli.output.WaitLimits;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth marathon pod add [FILE]}. */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Add a pod from its JSON definition (a file, or stdin); --wait follows its deployment.",
    footerHeading = "%nExample:%n", footer = "  berth marathon pod add pod.json --wait")
public final class PodAddCommand extends DeployingCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The pod's JSON (default: stdin).")
  Path file;

  @Override
  protected void execute() {
    JsonNode answer = session().marathon().createPod(Inputs.json(file, System.in));
    out().println("Created pod " + answer.path("id").asText());
    out().flush();
    if (await) {
      new PodWait(session().marathon(), progress(), WaitLimits.of(timeoutSeconds, DeploymentWait.POLL))
          .await(answer.path("id").asText(), false);
    }
  }
}

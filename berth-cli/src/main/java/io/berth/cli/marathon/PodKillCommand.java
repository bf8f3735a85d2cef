package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth marathon pod kill <pod> <instance>...}: kills instances, which Marathon replaces. */
@Command(name = "kill", mixinStandardHelpOptions = true,
    description = "Kill instances of a pod (Marathon replaces them while the pod wants them).",
    footerHeading = "%nExample:%n", footer = "  berth marathon pod kill /db db.instance-8f1c1a2e-1b2c-11ef-9a1b-0242ac110002")
public final class PodKillCommand extends io.berth.cli.CliCommand {
  @Parameters(index = "0", paramLabel = "POD", description = "The pod's id.")
  String pod;

  @Parameters(index = "1", arity = "1..*", paramLabel = "INSTANCE", description = "The instances' ids (berth marathon pod show).")
  List<String> instances;

  @Override
  protected void execute() {
    JsonNode killed = session().marathon().killPodInstances(pod, instances);
    killed.forEach(i -> out().println("Killed instance " + i.path("id").asText()));
  }
}

package io.berth.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.berth.cli.ReadCommand;
import io.berth.cli.node.MesosTables;
import io.berth.common.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth service list}: the frameworks (services) registered with the master. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the services (frameworks) of the cluster.",
    footerHeading = "%nExample:%n", footer = "  berth service list --completed")
public final class ServiceListCommand extends ReadCommand {
  @Option(names = {"--completed", "--inactive"}, description = "Include services that have ended.")
  boolean completed;

  @Override
  protected JsonNode fetch() {
    JsonNode answer = session().mesos().frameworks();
    ArrayNode all = Json.mapper().createArrayNode();
    answer.path("frameworks").forEach(all::add);
    if (completed) {
      answer.path("completed_frameworks").forEach(all::add);
    }
    return all;
  }

  @Override
  protected String render(JsonNode frameworks) {
    return MesosTables.services(frameworks).render();
  }
}

package io.berth.cli.dns;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.CliFailure;
import io.berth.cli.ReadCommand;
import io.berth.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth dns lookup <name>}: a name in the cluster's DNS, asked through the gateway's Mesos-DNS API. */
@Command(name = "lookup", mixinStandardHelpOptions = true,
    description = {"Look a name up in the cluster's DNS (Mesos-DNS, through the gateway).",
        "A records for names, SRV records (host and port) for _service._proto names."},
    footerHeading = "%nExample:%n", footer = "  berth dns lookup web.marathon.mesos")
public final class DnsLookupCommand extends ReadCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "e.g. web.marathon.mesos or _web._tcp.marathon.mesos.")
  String name;

  @Override
  protected JsonNode fetch() {
    JsonNode answer = session().mesos().dns(name);
    boolean empty = !answer.isArray() || answer.isEmpty()
        || (answer.size() == 1 && answer.get(0).path("ip").asText("").isEmpty() && answer.get(0).path("host").asText("").isEmpty());
    if (empty) {
      throw CliFailure.usage("the cluster's DNS does not know '" + name + "'");
    }
    return answer;
  }

  @Override
  protected String render(JsonNode records) {
    boolean srv = name.startsWith("_");
    Table table = srv ? Table.of("NAME", "HOST", "IP", "PORT") : Table.of("NAME", "IP");
    for (JsonNode r : records) {
      if (srv) {
        table.row(r.path("service").asText(name), r.path("host").asText(), r.path("ip").asText(), r.path("port").asText());
      } else {
        table.row(r.path("host").asText(name), r.path("ip").asText());
      }
    }
    return table.render();
  }
}

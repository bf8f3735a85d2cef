package io.berth.cli.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.CliCommand;
import io.berth.cli.CliFailure;
import io.berth.client.GatewayHttp;
import io.berth.client.MesosClient;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth node log}: a node's journal through the DC/OS logs API ({@code /system/v1/logs} of the master the
 * gateway runs on, {@code /system/v1/agent/<id>/logs} of an agent), printed as {@code YYYY-MM-DD HH:MM:SS: MESSAGE}
 * (UTC); {@code --follow} asks for what came after the last entry's cursor until Ctrl-C.
 */
@Command(name = "log", mixinStandardHelpOptions = true,
    description = "Print the last lines of a node's log (the leading master's with --leader) through the logs API.",
    footerHeading = "%nExample:%n", footer = "  berth node log --leader --lines 50 --component berth-marathon.service")
public final class NodeLogCommand extends CliCommand {
  private static final long POLL_NANOS = 500_000_000L;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  @Parameters(index = "0", arity = "0..1", paramLabel = "AGENT", description = "The agent's id.")
  String agent;

  @Option(names = "--leader", description = "The leading master's log.")
  boolean leader;

  @Option(names = "--lines", defaultValue = "10", description = "How many lines (default ${DEFAULT-VALUE}).")
  int lines;

  @Option(names = "--follow", description = "Keep printing new entries, until Ctrl-C.")
  boolean follow;

  @Option(names = "--component", paramLabel = "UNIT",
      description = "Only this component's entries, e.g. berth-master.service, berth-marathon.service, berth-gateway.service.")
  String component;

  @Option(names = "--filter", paramLabel = "FIELD:VALUE", description = "Only entries whose FIELD is VALUE (repeatable; all must hold).")
  List<String> filters = new ArrayList<>();

  @Override
  protected void execute() {
    if (leader == (agent != null)) {
      throw CliFailure.usage("give an agent id, or --leader");
    }
    if (lines <= 0) {
      throw CliFailure.usage("--lines must be positive");
    }
    for (String f : filters) {
      if (f.indexOf(':') <= 0) {
        throw CliFailure.usage("--filter must be FIELD:VALUE, got '" + f + "'");
      }
    }
    MesosClient mesos = session().mesos();
    String route = component == null ? "/v1/range/" : "/v2/component/" + GatewayHttp.encode(component);
    String back = component == null ? "skip_prev=" + lines : "skip=-" + lines;
    String last = print(mesos.nodeLogs(agent, route + "?" + back + filterQuery()));
    while (follow && !Thread.currentThread().isInterrupted()) {
      LockSupport.parkNanos(POLL_NANOS);
      String from = last == null ? "cursor=BEG" : "cursor=" + GatewayHttp.encode(last)
          + (component == null ? "&skip_next=1" : "&skip=1");
      String newest = print(mesos.nodeLogs(agent, route + "?" + from + filterQuery()));
      last = newest != null ? newest : last;
    }
  }

  /** Prints the entries and gives the last one's cursor (null when there were none). */
  private String print(List<JsonNode> entries) {
    String last = null;
    for (JsonNode e : entries) {
      out().println(line(e));
      last = e.path("cursor").asText(null);
    }
    out().flush();
    return last;
  }

  /**
   * {@code YYYY-MM-DD HH:MM:SS: MESSAGE} of one entry of the API's JSON (pure); each line of a message of several
   * lines (the gateway logs its access lines in batches) gets the entry's time.
   */
  static String line(JsonNode entry) {
    long micros = entry.path("realtime_timestamp").asLong();
    String prefix = TIME.format(Instant.ofEpochSecond(micros / 1_000_000L, (micros % 1_000_000L) * 1000)) + ": ";
    return entry.path("fields").path("MESSAGE").asText().lines().map(l -> prefix + l)
        .collect(java.util.stream.Collectors.joining(System.lineSeparator(), "", ""));
  }

  private String filterQuery() {
    StringBuilder q = new StringBuilder();
    filters.forEach(f -> q.append("&filter=").append(GatewayHttp.encode(f)));
    return q.toString();
  }
}

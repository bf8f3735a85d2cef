package io.berth.bench.dns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.json.Json;
import io.berth.common.time.SystemTime;
import io.berth.dns.DnsConfig;
import io.berth.dns.DnsModule;
import io.berth.dns.records.MasterAddresses;
import io.berth.state.StatePublisher;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * {@code bench/dns}: Berth's DNS server (the master's {@link DnsModule}: record feed, UDP server, answer cache) and
 * unbound serving the same {@code N} names as local data, on loopback, side by side in the same run. dnsperf
 * measures each at full speed in alternating rounds (qps, average latency), then at a fixed offered rate with every
 * answer's latency (p50/p99). Writes {@code bench/results/dns.json}.
 *
 * <p>Arguments: {@code --names N} (10000) {@code --seconds S} (15 per round) {@code --rounds R} (3) {@code --clients C}
 * (8) {@code --latency-qps Q} (20000) {@code --out FILE} {@code --work-dir DIR}.
 */
public final class DnsBenchmark {
  private DnsBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new java.util.HashMap<>(Map.of("--names", "10000", "--seconds", "15", "--rounds", "3",
        "--clients", "8", "--latency-qps", "20000", "--out", "bench/results/dns.json", "--work-dir", "/tmp/berth-bench-dns"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!o.containsKey(args[i])) {
        System.err.println("unknown option " + args[i]);
        System.exit(2);
      }
      o.put(args[i], args[i + 1]);
    }
    int names = Integer.parseInt(o.get("--names"));
    int seconds = Integer.parseInt(o.get("--seconds"));
    int rounds = Integer.parseInt(o.get("--rounds"));
    int clients = Integer.parseInt(o.get("--clients"));
    int latencyQps = Integer.parseInt(o.get("--latency-qps"));
    Path work = Path.of(o.get("--work-dir"));
    Files.createDirectories(work);

    BenchCluster cluster = BenchCluster.of(names);
    Path queries = work.resolve("queries.txt");
    Files.write(queries, cluster.names().keySet().stream().map(n -> n + " A").toList());
    StatePublisher publisher = new StatePublisher();
    publisher.publish(cluster.image(), List.of());
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    int berthPort = freeUdpPort();
    int unboundPort = freeUdpPort();
    ObjectNode report = Json.mapper().createObjectNode();
    try (DnsModule berth = DnsModule.start(DnsConfig.defaults(List.of()), publisher,
        () -> new MasterAddresses(Optional.empty(), List.of(), List.of()), "127.0.0.1", berthPort, -1,
        SystemTime.wallClock(), SystemTime.ticker());
        UnboundReference unbound = new UnboundReference(work.resolve("unbound"), unboundPort, threads, "mesos.",
            cluster.names(), 60)) {
      log("load average before: %s", DnsReport.loadAverage());
      log("%d names; Berth DNS on %s, unbound on 127.0.0.1:%d, %d threads each", names, berth.dnsAddress(), unboundPort, threads);
      verify(berthPort, cluster.names(), Duration.ofSeconds(30), () -> true);
      verify(unboundPort, cluster.names(), Duration.ofSeconds(60), unbound::alive);
      log("warm-up: 5 s each");
      DnsPerf.run(queries, berthPort, 5, clients, 500, 0, false);
      DnsPerf.run(queries, unboundPort, 5, clients, 500, 0, false);
      List<DnsPerf.Result> berthRuns = new ArrayList<>();
      List<DnsPerf.Result> unboundRuns = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        boolean berthFirst = r % 2 == 0;
        for (int k = 0; k < 2; k++) {
          boolean isBerth = (k == 0) == berthFirst;
          DnsPerf.Result res = DnsPerf.run(queries, isBerth ? berthPort : unboundPort, seconds, clients, 500, 0, false);
          (isBerth ? berthRuns : unboundRuns).add(res);
          log("round %d %-7s %10.0f qps  avg %.3f ms  lost %d", r + 1, isBerth ? "berth" : "unbound", res.qps(),
              res.avgLatencyMs(), res.lost());
        }
      }
      log("latency at a fixed %d qps, every answer timed", latencyQps);
      DnsPerf.Result berthLatency = DnsPerf.run(queries, berthPort, 5, clients, 500, latencyQps, true);
      DnsPerf.Result unboundLatency = DnsPerf.run(queries, unboundPort, 5, clients, 500, latencyQps, true);
      report = DnsReport.build(names, seconds, rounds, clients, threads, latencyQps, berthRuns, unboundRuns, berthLatency,
          unboundLatency, UnboundReference.version());
    }
    Path out = Path.of(o.get("--out"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.write(out, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
    System.out.println(DnsReport.summary(report));
    log("wrote %s", out);
  }

  private interface Alive {
    boolean alive();
  }

  /** Waits until the server answers, then checks a sample of names against the expected addresses. */
  private static void verify(int port, Map<String, String> names, Duration within, Alive alive) throws Exception {
    SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", port));
    resolver.setTimeout(Duration.ofMillis(500));
    long deadline = SystemTime.ticker().nanos() + within.toNanos();
    List<String> all = new ArrayList<>(names.keySet());
    for (int i = 0; i < all.size(); i += Math.max(1, all.size() / 50)) {
      String name = all.get(i);
      while (true) {
        if (!alive.alive()) {
          throw new IllegalStateException("the server on port " + port + " exited");
        }
        try {
          Message m = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
          List<Record> answers = m.getSection(Section.ANSWER);
          if (!answers.isEmpty() && ((ARecord) answers.getFirst()).getAddress().getHostAddress().equals(names.get(name))) {
            break;
          }
        } catch (java.io.IOException e) {
          // not up yet
        }
        if (SystemTime.ticker().nanos() > deadline) {
          throw new IllegalStateException("port " + port + " does not answer " + name + " with " + names.get(name));
        }
        Thread.sleep(100);
      }
    }
  }

  private static int freeUdpPort() throws java.io.IOException {
    try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static void log(String format, Object... args) {
    System.err.println("bench/dns: " + String.format(format, args));
  }
}

package io.berth.bench.dns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.json.Json;
import io.berth.common.time.SystemTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The result file {@code bench/results/dns.json} and its one-screen summary. */
final class DnsReport {
  private DnsReport() {}

  static ObjectNode build(int names, int seconds, int rounds, int clients, int threads, int latencyQps,
      List<DnsPerf.Result> berth, List<DnsPerf.Result> unbound, DnsPerf.Result berthLatency,
      DnsPerf.Result unboundLatency, String unboundVersion) {
    ObjectNode r = Json.mapper().createObjectNode();
    r.put("benchmark", "dns");
    r.put("date", SystemTime.wallClock().instant().toString());
    ObjectNode machine = r.putObject("machine");
    machine.put("cpus", Runtime.getRuntime().availableProcessors());
    machine.put("cpu_model", cpuModel());
    machine.put("java_version", System.getProperty("java.version"));
    machine.put("unbound_version", unboundVersion);
    machine.put("dnsperf", "2.10 (Debian), on the same machine, over loopback");
    machine.put("load_average_after", loadAverage());
    r.put("berth_jvm", "-Xmx256m -XX:+UseSerialGC, as berth up starts the master");
    r.put("names", names);
    r.put("query_mix", "each of the " + names + " <task>.marathon.mesos A names in turn, over UDP, no EDNS");
    r.put("round_seconds", seconds);
    r.put("rounds", rounds);
    r.put("dnsperf_clients", clients);
    r.put("server_threads", threads);
    r.put("berth_measures", "the master's DnsModule in one JVM: records generated from a cluster image of " + names
        + " running tasks, UDP server, answer cache");
    r.put("reference_measures", "unbound with the same names as local-data of a static local zone, so-reuseport");
    double berthQps = mean(berth);
    double unboundQps = mean(unbound);
    series(r.putObject("berth"), berth, berthLatency);
    series(r.putObject("unbound"), unbound, unboundLatency);
    r.put("qps_ratio_berth_to_unbound", Math.round(berthQps / unboundQps * 1000) / 1000.0);
    r.put("latency_offered_qps", latencyQps);
    r.put("p99_ratio_berth_to_unbound", Math.round(DnsPerf.percentile(berthLatency.latenciesMs(), 99)
        / DnsPerf.percentile(unboundLatency.latenciesMs(), 99) * 1000) / 1000.0);
    r.put("goal", "berth qps >= 1.0 x unbound qps");
    r.put("goal_met", berthQps >= unboundQps);
    return r;
  }

  private static void series(ObjectNode node, List<DnsPerf.Result> runs, DnsPerf.Result latency) {
    node.put("qps_mean", Math.round(mean(runs)));
    node.put("qps_best", Math.round(runs.stream().mapToDouble(DnsPerf.Result::qps).max().orElse(0)));
    var rounds = node.putArray("qps_rounds");
    runs.forEach(x -> rounds.add(Math.round(x.qps())));
    node.put("avg_latency_ms_at_full_speed", round(runs.stream().mapToDouble(DnsPerf.Result::avgLatencyMs).average().orElse(0)));
    node.put("lost_at_full_speed", runs.stream().mapToLong(DnsPerf.Result::lost).sum());
    node.put("noerror_share", round((double) runs.stream().mapToLong(DnsPerf.Result::noerror).sum()
        / Math.max(1, runs.stream().mapToLong(DnsPerf.Result::completed).sum())));
    node.put("p50_ms", round(DnsPerf.percentile(latency.latenciesMs(), 50)));
    node.put("p99_ms", round(DnsPerf.percentile(latency.latenciesMs(), 99)));
    node.put("latency_samples", latency.latenciesMs().size());
    node.put("latency_lost", latency.lost());
  }

  static String summary(ObjectNode r) {
    return String.format("dns: berth %s qps (p99 %s ms), unbound %s qps (p99 %s ms): ratio %s (goal >= 1.0: %s)",
        r.path("berth").path("qps_mean").asText(), r.path("berth").path("p99_ms").asText(),
        r.path("unbound").path("qps_mean").asText(), r.path("unbound").path("p99_ms").asText(),
        r.path("qps_ratio_berth_to_unbound").asText(), r.path("goal_met").asBoolean() ? "met" : "not met");
  }

  private static double mean(List<DnsPerf.Result> runs) {
    return runs.stream().mapToDouble(DnsPerf.Result::qps).average().orElse(0);
  }

  private static double round(double v) {
    return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : -1;
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}

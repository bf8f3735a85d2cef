package io.berth.bench.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The figures of one {@code bench/gateway} run: every throughput round of both proxies, their means and the ratio
 * Berth / nginx (the goal is at least {@link #GOAL_RATIO}), and the latency each proxy adds to the backend's without
 * load (p50 and p99 of the proxy minus the same percentile of the backend alone).
 */
record GatewayReport(Settings settings, List<Wrk.Result> berthRuns, List<Wrk.Result> nginxRuns, List<Cpu> berthCpu,
    List<Cpu> nginxCpu, Latencies latency, String nginxVersion, String loadBefore, String loadAfter) {
  static final double GOAL_RATIO = 0.8;

  /** How the run was made. */
  record Settings(int seconds, int rounds, int threads, int connections, int warmupSeconds, int latencySamples, int cores) {}

  /** CPU nanoseconds per request in one round: of Berth's JVM, and of nginx's processes (which serve the backend too). */
  record Cpu(double jvmNanosPerRequest, double nginxNanosPerRequest) {}

  /** Berth's CPU per request, in microseconds (mean of its rounds). */
  double berthCpuMicros() {
    return berthCpu.stream().mapToDouble(Cpu::jvmNanosPerRequest).average().orElse(0) / 1000;
  }

  /**
   * nginx's CPU per proxied request, in microseconds: nginx's CPU per request in its rounds (proxy + backend) less its
   * CPU per request in Berth's rounds (the backend alone).
   */
  double nginxProxyCpuMicros() {
    return (nginxCpu.stream().mapToDouble(Cpu::nginxNanosPerRequest).average().orElse(0)
        - berthCpu.stream().mapToDouble(Cpu::nginxNanosPerRequest).average().orElse(0)) / 1000;
  }

  /** Single-request latencies in milliseconds, taken in turns: the backend alone, through nginx, through Berth. */
  record Latencies(List<Double> backend, List<Double> nginx, List<Double> berth) {}

  static double mean(List<Wrk.Result> runs) {
    return runs.stream().mapToDouble(Wrk.Result::requestsPerSecond).average().orElse(0);
  }

  double ratio() {
    double nginx = mean(nginxRuns);
    return nginx == 0 ? 0 : mean(berthRuns) / nginx;
  }

  double berthAddedMs(double percentile) {
    return LatencyProbe.percentile(latency.berth(), percentile) - LatencyProbe.percentile(latency.backend(), percentile);
  }

  double nginxAddedMs(double percentile) {
    return LatencyProbe.percentile(latency.nginx(), percentile) - LatencyProbe.percentile(latency.backend(), percentile);
  }

  ObjectNode json() {
    ObjectNode r = Json.mapper().createObjectNode();
    r.put("benchmark", "gateway");
    r.put("what", "GET " + GatewayBenchmark.PATH + " with 'Authorization: token=<RS256 JWT>' through Berth's gateway "
        + "(authentication, authorization against IAM, access log, request id) and through nginx, both to the same "
        + "backend (nginx returning a 23-byte body), wrk on loopback");
    r.put("reference", nginxVersion + " with " + settings.cores() + " workers, keep-alive upstream, "
        + "the forwarding headers and request id Admin Router sets, buffered access log");
    r.put("cores", settings.cores());
    r.put("wrk_threads", settings.threads());
    r.put("wrk_connections", settings.connections());
    r.put("seconds_per_round", settings.seconds());
    r.put("rounds", settings.rounds());
    r.put("load_average_before", loadBefore);
    r.put("load_average_after", loadAfter);
    r.put("berth_requests_per_second", round(mean(berthRuns)));
    r.put("nginx_requests_per_second", round(mean(nginxRuns)));
    r.put("ratio", round3(ratio()));
    r.put("goal_ratio", GOAL_RATIO);
    r.put("met", ratio() >= GOAL_RATIO);
    r.put("berth_cpu_us_per_request", round3(berthCpuMicros()));
    r.put("nginx_proxy_cpu_us_per_request", round3(nginxProxyCpuMicros()));
    r.put("backend_cpu_us_per_request", round3(berthCpu.stream().mapToDouble(Cpu::nginxNanosPerRequest).average().orElse(0) / 1000));
    r.put("berth_added_latency_p99_ms", round3(berthAddedMs(99)));
    r.put("nginx_added_latency_p99_ms", round3(nginxAddedMs(99)));
    r.put("berth_added_latency_p50_ms", round3(berthAddedMs(50)));
    r.put("nginx_added_latency_p50_ms", round3(nginxAddedMs(50)));
    ObjectNode unloaded = r.putObject("latency_without_load");
    unloaded.put("samples_each", latency.backend().size());
    unloaded.set("backend_alone", percentiles(latency.backend()));
    unloaded.set("nginx", percentiles(latency.nginx()));
    unloaded.set("berth", percentiles(latency.berth()));
    ArrayNode berth = r.putArray("berth_rounds");
    berthRuns.forEach(x -> berth.add(run(x)));
    ArrayNode nginx = r.putArray("nginx_rounds");
    nginxRuns.forEach(x -> nginx.add(run(x)));
    return r;
  }

  private static ObjectNode percentiles(List<Double> samples) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("mean_ms", round3(samples.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
    for (double p : new double[] {50, 90, 99, 99.9}) {
      n.put("p" + (p == 99.9 ? "999" : String.valueOf((int) p)) + "_ms", round3(LatencyProbe.percentile(samples, p)));
    }
    return n;
  }

  private static ObjectNode run(Wrk.Result x) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("requests_per_second", round(x.requestsPerSecond()));
    n.put("requests", x.requests());
    n.put("mean_ms", round3(x.meanMs()));
    n.put("p50_ms", round3(x.p50Ms()));
    n.put("p90_ms", round3(x.p90Ms()));
    n.put("p99_ms", round3(x.p99Ms()));
    n.put("p999_ms", round3(x.p999Ms()));
    n.put("max_ms", round3(x.maxMs()));
    n.put("socket_errors", x.errors());
    n.put("non_2xx", x.non2xx());
    return n;
  }

  String summary() {
    return String.format("""
        gateway: Berth %.0f req/s, nginx %.0f req/s: ratio %.2f (goal >= %.1f: %s)
        CPU per request: Berth %.1f us, nginx as a proxy %.1f us
        added latency without load: Berth p50 %.3f ms p99 %.3f ms; nginx p50 %.3f ms p99 %.3f ms (backend alone p99 %.3f ms)""",
        mean(berthRuns), mean(nginxRuns), ratio(), GOAL_RATIO, ratio() >= GOAL_RATIO ? "met" : "NOT met", berthCpuMicros(),
        nginxProxyCpuMicros(), berthAddedMs(50), berthAddedMs(99), nginxAddedMs(50), nginxAddedMs(99), LatencyProbe.percentile(latency.backend(), 99));
  }

  private static double round(double v) {
    return Math.round(v);
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}

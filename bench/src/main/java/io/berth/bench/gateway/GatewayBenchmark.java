package io.berth.bench.gateway;

import io.berth.common.json.Json;
import io.berth.common.time.SystemTime;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/gateway}: authenticated requests through Berth's gateway to a small backend, against nginx proxying
 * the same backend, on loopback in the same run. wrk measures each at full speed in alternating rounds (requests/s,
 * latency under load), then without load the latency of single requests to the backend alone and through each
 * proxy, taking turns ({@link LatencyProbe}; the added latency is the difference). Writes {@code bench/results/gateway.json}.
 *
 * <p>Arguments: {@code --seconds S} (15 per round) {@code --rounds R} (3) {@code --threads T} (2 wrk threads)
 * {@code --connections C} (64) {@code --warmup-seconds S} (20) {@code --latency-samples N} (20000 per target) {@code --out FILE}
 * {@code --work-dir DIR} {@code --only berth} (for profiling: only the gateway's rounds, no report).
 */
public final class GatewayBenchmark {
  static final String PATH = "/mesos/bench/hello";

  private GatewayBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>(Map.of("--seconds", "15", "--rounds", "3", "--threads", "2",
        "--connections", "64", "--warmup-seconds", "20", "--latency-samples", "20000", "--out", "bench/results/gateway.json",
        "--work-dir", "/tmp/berth-bench-gateway"));
    o.put("--only", "");
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!o.containsKey(args[i])) {
        System.err.println("unknown option " + args[i]);
        System.exit(2);
      }
      o.put(args[i], args[i + 1]);
    }
    GatewayReport.Settings settings = new GatewayReport.Settings(Integer.parseInt(o.get("--seconds")),
        Integer.parseInt(o.get("--rounds")), Integer.parseInt(o.get("--threads")), Integer.parseInt(o.get("--connections")),
        Integer.parseInt(o.get("--warmup-seconds")), Integer.parseInt(o.get("--latency-samples")),
        Runtime.getRuntime().availableProcessors());
    Path work = Path.of(o.get("--work-dir"));
    Files.createDirectories(work);
    Path script = Wrk.writeScript(work);
    String loadBefore = GatewayReport.loadAverage();
    GatewayReport report;
    try (NginxReference nginx = new NginxReference(work.resolve("nginx"), freePort(), freePort(), settings.cores());
        BenchGateway berth = new BenchGateway(nginx.backendUrl(), freePort())) {
      Map<String, String> auth = Map.of("Authorization", "token=" + berth.token);
      String backend = nginx.backendUrl() + "/bench/hello";
      String viaNginx = nginx.proxyUrl() + PATH;
      String viaBerth = berth.url() + PATH;
      log("load average before: %s; %d cores; backend %s, nginx %s, Berth's gateway %s", loadBefore, settings.cores(),
          nginx.backendUrl(), nginx.proxyUrl(), berth.url());
      verify(nginx, backend, viaNginx, viaBerth, auth);
      if (o.get("--only").equals("berth")) {
        for (int r = 0; r < settings.rounds(); r++) {
          long cpu = CpuTime.ownNanos();
          Wrk.Result res = Wrk.run(script, viaBerth, settings.threads(), settings.connections(), settings.seconds(), auth);
          log("berth alone %9.0f req/s  p50 %.2f ms  p99 %.2f ms  %.1f us CPU/request", res.requestsPerSecond(), res.p50Ms(),
              res.p99Ms(), (CpuTime.ownNanos() - cpu) / 1000.0 / res.requests());
        }
        return;
      }
      log("warm-up: %d s each", settings.warmupSeconds());
      Wrk.run(script, viaBerth, settings.threads(), settings.connections(), settings.warmupSeconds(), auth);
      Wrk.run(script, viaNginx, settings.threads(), settings.connections(), settings.warmupSeconds(), auth);
      List<Wrk.Result> berthRuns = new ArrayList<>();
      List<Wrk.Result> nginxRuns = new ArrayList<>();
      List<GatewayReport.Cpu> berthCpu = new ArrayList<>();
      List<GatewayReport.Cpu> nginxCpu = new ArrayList<>();
      for (int r = 0; r < settings.rounds(); r++) {
        boolean berthFirst = r % 2 == 0;
        for (int k = 0; k < 2; k++) {
          boolean isBerth = (k == 0) == berthFirst;
          long jvm = CpuTime.ownNanos();
          long ngx = nginx.cpuNanos();
          Wrk.Result res = Wrk.run(script, isBerth ? viaBerth : viaNginx, settings.threads(), settings.connections(),
              settings.seconds(), auth);
          (isBerth ? berthRuns : nginxRuns).add(res);
          (isBerth ? berthCpu : nginxCpu).add(new GatewayReport.Cpu((CpuTime.ownNanos() - jvm) / (double) res.requests(),
              (nginx.cpuNanos() - ngx) / (double) res.requests()));
          log("round %d %-6s %9.0f req/s  p50 %.2f ms  p99 %.2f ms  errors %d  non-2xx %d", r + 1,
              isBerth ? "berth" : "nginx", res.requestsPerSecond(), res.p50Ms(), res.p99Ms(), res.errors(), res.non2xx());
        }
      }
      log("latency without load: %d single requests to each of the backend, nginx and Berth, taking turns",
          settings.latencySamples());
      List<List<Double>> latencies;
      try (LatencyProbe b = new LatencyProbe(backend, auth); LatencyProbe n = new LatencyProbe(viaNginx, auth);
          LatencyProbe g = new LatencyProbe(viaBerth, auth)) {
        latencies = LatencyProbe.interleaved(List.of(b, n, g), settings.latencySamples());
      }
      report = new GatewayReport(settings, berthRuns, nginxRuns, berthCpu, nginxCpu, new GatewayReport.Latencies(
          latencies.get(0), latencies.get(1), latencies.get(2)), NginxReference.version(), loadBefore, GatewayReport.loadAverage());
      if (!nginx.alive()) {
        throw new IllegalStateException("nginx exited during the benchmark: " + nginx.errors());
      }
    }
    Path out = Path.of(o.get("--out"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.write(out, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report.json()));
    System.out.println(report.summary());
    log("wrote %s", out);
  }

  /** Waits for all three to answer, then checks that both proxies pass the backend's answer and Berth wants a token. */
  private static void verify(NginxReference nginx, String backend, String viaNginx, String viaBerth, Map<String, String> auth)
      throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long deadline = SystemTime.ticker().nanos() + Duration.ofSeconds(30).toNanos();
    for (String url : List.of(backend, viaNginx, viaBerth)) {
      while (true) {
        if (!nginx.alive()) {
          throw new IllegalStateException("nginx exited: " + nginx.errors());
        }
        try {
          HttpResponse<String> r = send(client, url, auth);
          if (r.statusCode() == 200 && r.body().equals(NginxReference.BODY)) {
            break;
          }
          if (SystemTime.ticker().nanos() > deadline) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
          }
        } catch (IOException e) {
          if (SystemTime.ticker().nanos() > deadline) {
            throw new IllegalStateException(url + " does not answer: " + e, e);
          }
        }
        Thread.sleep(100);
      }
    }
    int anonymous = send(client, viaBerth, Map.of()).statusCode();
    if (anonymous != 401) {
      throw new IllegalStateException("the gateway answered " + anonymous + " without a token, not 401");
    }
  }

  private static HttpResponse<String> send(HttpClient client, String url, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
    headers.forEach(b::header);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static void log(String format, Object... args) {
    System.out.println("bench/gateway: " + String.format(format, args));
    System.out.flush();
  }
}

package io.berth.bench.metronome;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.id.IdGenerator;
import io.berth.common.json.Json;
import io.berth.common.time.SystemTime;
import io.berth.common.time.Ticker;
import io.berth.master.MasterConfig;
import io.berth.master.MasterModule;
import io.berth.metronome.MetronomeConfig;
import io.berth.metronome.MetronomeModule;
import io.berth.state.zookeeper.EmbeddedZooKeeper;
import io.berth.state.zookeeper.ZkCluster;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code bench/metronome}: a master with Metronome (real ZooKeeper state, real HTTP) and simulated agents in one JVM.
 * It starts {@code --runs} on-demand runs of a trivial job over the API while {@code --schedules} jobs with a
 * {@code * * * * *} schedule fire at the same minute, and reports run launches per second and the cron fire skew.
 * There is no Metronome binary to run beside it; the reference is Metronome's one-minute cron granularity.
 */
public final class MetronomeBenchmark {
  private static final DateTimeFormatter METRONOME_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private final Map<String, String> options;
  private final InstantSource clock = SystemTime.wallClock();
  private final Ticker ticker = SystemTime.ticker();
  private final HttpClient http = HttpClient.newBuilder().executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).build();
  private String metronome;

  private MetronomeBenchmark(Map<String, String> options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>(Map.of("--runs", "1000", "--agents", "3", "--schedules", "50",
        "--concurrency", "32", "--task-ms", "0", "--lead-ms", "1500", "--work-dir", "/tmp/berth-bench-metronome", "--out", "bench/results/metronome.json"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!options.containsKey(args[i])) {
        System.err.println("unknown option " + args[i] + "; options: " + options.keySet());
        System.exit(2);
      }
      options.put(args[i], args[i + 1]);
    }
    new MetronomeBenchmark(options).run();
    System.exit(0);
  }

  private int option(String name) {
    return Integer.parseInt(options.get(name));
  }

  private void run() throws Exception {
    int runs = option("--runs");
    int schedules = option("--schedules");
    Path work = Path.of(options.get("--work-dir"));
    Files.createDirectories(work);
    IdGenerator ids = IdGenerator.random();
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(work.resolve("zk"), "127.0.0.1", freePort());
         ZkCluster state = ZkCluster.connect("zk://127.0.0.1:" + zk.port() + "/berth", Duration.ofSeconds(30))) {
      MasterConfig config = MasterConfig.defaults("127.0.0.1", freePort());
      MasterModule master = new MasterModule(config, state.store(), state.election(config.url()), clock, ticker, ids);
      MetronomeModule module = new MetronomeModule(master.publisher(), clock, ticker, ids, MetronomeConfig.defaults());
      master.withLeaderService(module.leaderService()).withRoutes(module::routes);
      master.start();
      metronome = master.url();
      await("the master to lead", Duration.ofSeconds(60), master::isLeader);
      List<SimulatedAgent> agents = new ArrayList<>();
      for (int i = 0; i < option("--agents"); i++) {
        agents.add(new SimulatedAgent("127.0.0.1", master.url(), clock, ticker, ids, option("--task-ms")));
      }
      await("Metronome to answer", Duration.ofSeconds(30), () -> post("/v1/jobs", job("bench.trivial", "")) == 201);
      for (int i = 0; i < schedules; i++) {
        int status = post("/v1/jobs", job("bench.cron-" + i, ", \"schedules\": [{\"id\": \"m\", \"cron\": \"* * * * *\", \"startingDeadlineSeconds\": 60}]"));
        if (status != 201) {
          throw new IllegalStateException("creating scheduled job " + i + " answered " + status);
        }
      }
      Instant created = clock.instant();
      Instant boundary = Instant.ofEpochSecond((created.getEpochSecond() / 60 + 2) * 60); // >= 60 s after creation
      System.err.println("bench/metronome: schedules fire at " + boundary + "; on-demand runs start "
          + options.get("--lead-ms") + " ms before, so that the schedules fire under the load");
      sleepUntil(boundary.minusMillis(option("--lead-ms")));
      long wallRefMillis = clock.millis();
      long nanoRef = ticker.nanos();

      Semaphore inFlight = new Semaphore(option("--concurrency"));
      List<Double> postMillis = java.util.Collections.synchronizedList(new ArrayList<>());
      long start = ticker.nanos();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        inFlight.acquire();
        threads.add(Thread.ofVirtual().start(() -> {
          long t0 = ticker.nanos();
          try {
            int status = post("/v1/jobs/bench.trivial/runs", null);
            if (status != 201) {
              System.err.println("bench/metronome: starting a run answered " + status);
            }
            postMillis.add((ticker.nanos() - t0) / 1e6);
          } catch (Exception e) {
            System.err.println("bench/metronome: starting a run failed: " + e);
          } finally {
            inFlight.release();
          }
        }));
      }
      for (Thread t : threads) {
        t.join();
      }
      long postsDone = ticker.nanos();
      boolean boundaryUnderLoad = wallRefMillis + (postsDone - nanoRef) / 1_000_000 > boundary.toEpochMilli();
      await("every run to be launched", Duration.ofSeconds(180), () -> launched(agents, "bench.trivial").size() >= runs);
      long lastLaunch = launched(agents, "bench.trivial").stream().mapToLong(SimulatedAgent.Launched::atNanos).max().orElseThrow();
      await("every run to succeed", Duration.ofSeconds(180),
          () -> get("/v1/jobs/bench.trivial?embed=historySummary").path("historySummary").path("successCount").asInt() >= runs);
      long allDone = ticker.nanos();
      await("every schedule to fire", Duration.ofSeconds(120), () -> launched(agents, "bench.cron-").size() >= schedules);

      List<Double> fireSkew = new ArrayList<>();
      JsonNode jobs = get("/v1/jobs?embed=history&embed=activeRuns");
      for (JsonNode job : jobs) {
        if (job.path("id").asText().startsWith("bench.cron-")) {
          List<JsonNode> all = new ArrayList<>();
          job.path("activeRuns").forEach(all::add);
          job.path("history").path("successfulFinishedRuns").forEach(all::add);
          job.path("history").path("failedFinishedRuns").forEach(all::add);
          all.stream().map(r -> METRONOME_TIME.parse(r.path("createdAt").asText(), Instant::from))
              .filter(t -> t.isBefore(boundary.plusSeconds(30))).min(Instant::compareTo)
              .ifPresent(t -> fireSkew.add((double) Duration.between(boundary, t).toMillis()));
        }
      }
      List<Double> fireToLaunch = new ArrayList<>();
      for (SimulatedAgent.Launched l : launched(agents, "bench.cron-")) {
        double wall = wallRefMillis + (l.atNanos() - nanoRef) / 1e6;
        if (wall < boundary.toEpochMilli() + 30_000) {
          fireToLaunch.add(wall - boundary.toEpochMilli());
        }
      }
      double launchSeconds = (lastLaunch - start) / 1e9;
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("benchmark", "metronome");
      report.put("date", clock.instant().toString());
      report.put("machine", Map.of("cpus", Runtime.getRuntime().availableProcessors(), "java_version",
          System.getProperty("java.version"), "load_average", Files.readString(Path.of("/proc/loadavg")).strip()));
      report.put("setup", "one JVM: master + Metronome (embedded ZooKeeper state, real HTTP) and " + agents.size()
          + " simulated agents (hollow: RUNNING at once, FINISHED after " + options.get("--task-ms") + " ms); load over the"
          + " /v1 API from " + options.get("--concurrency") + " concurrent clients");
      report.put("runs", runs);
      report.put("scheduled_jobs", schedules);
      report.put("run_launches_per_second", Percentiles.round(runs / launchSeconds));
      report.put("run_launches_measures", "first POST /v1/jobs/{id}/runs sent -> last task received by an agent");
      report.put("runs_created_per_second", Percentiles.round(runs / ((postsDone - start) / 1e9)));
      report.put("all_runs_succeeded_after_s", Percentiles.round((allDone - start) / 1e9));
      report.put("post_run_latency", Percentiles.of(postMillis));
      report.put("cron_fire_skew", Percentiles.of(fireSkew));
      report.put("cron_fire_skew_measures", "run createdAt - scheduled minute, for the first run of each scheduled job, under the load");
      report.put("cron_fire_to_launch", Percentiles.of(fireToLaunch));
      report.put("schedules_fired_while_runs_were_being_started", boundaryUnderLoad);
      report.put("reference", "Metronome 0.6 (not packaged for Debian, not run): cron granularity 60 s");
      report.put("goals", Map.of("run_launches_per_second", 100, "cron_fire_skew_p99_ms", 1000));
      double skewP99 = fireSkew.isEmpty() ? Double.NaN : Percentiles.rank(fireSkew.stream().mapToDouble(d -> d).sorted().toArray(), 99);
      report.put("goals_met", runs / launchSeconds >= 100 && skewP99 <= 1000);
      Path out = Path.of(options.get("--out"));
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.write(out, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
      System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
      agents.forEach(SimulatedAgent::close);
      master.close();
    }
  }

  private static List<SimulatedAgent.Launched> launched(List<SimulatedAgent> agents, String namePrefix) {
    List<SimulatedAgent.Launched> all = new ArrayList<>();
    for (SimulatedAgent a : agents) {
      synchronized (a.launched) {
        a.launched.stream().filter(l -> l.name().startsWith(namePrefix)).forEach(all::add);
      }
    }
    return all;
  }

  private static String job(String id, String extra) {
    return "{\"id\": \"" + id + "\"" + extra + ", \"run\": {\"cpus\": 0.01, \"mem\": 32, \"disk\": 0, \"cmd\": \"true\"}}";
  }

  private int post(String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(metronome + path)).timeout(Duration.ofSeconds(60));
    if (body != null) {
      b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.POST(HttpRequest.BodyPublishers.noBody());
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(metronome + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    return Json.tree(r.body());
  }

  private interface Check {
    boolean done() throws Exception;
  }

  private void await(String what, Duration within, Check check) throws Exception {
    long deadline = ticker.nanos() + within.toNanos();
    while (!check.done()) {
      if (ticker.nanos() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
  }

  private void sleepUntil(Instant at) {
    long millis;
    while ((millis = at.toEpochMilli() - clock.millis()) > 0) {
      LockSupport.parkNanos(Duration.ofMillis(Math.min(millis, 500)).toNanos());
    }
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

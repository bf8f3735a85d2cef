package io.berth.bench.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.api.cluster.TaskState;
import io.berth.client.JsonHttp;
import io.berth.common.json.Json;
import io.berth.common.time.SystemTime;
import io.berth.common.time.Ticker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code bench/marathon}: how fast Marathon on Berth brings instances to TASK_RUNNING.
 * <ol>
 *   <li>Simulated: one app scaled to {@code --instances} (1000) on {@code --agents} (50) hollow agents on FakeRuntime,
 *   in one JVM with a real master, ZooKeeper state and HTTP: time from the {@code POST /v2/apps} to all RUNNING.
 *   Reference: the best published Marathon figure, about 555 instances/s (a 24,000-core cluster).</li>
 *   <li>Real: {@code --runc-instances} (50) instances through {@code --marathon} (a {@code berth up} cluster with runc),
 *   against the same number of containers started one by one with raw {@code runc run --detach}.</li>
 * </ol>
 * Writes {@code --out} (bench/results/marathon.json).
 */
public final class MarathonBenchmark {
  static final double MARATHON_PUBLISHED_PER_SECOND = 555;
  static final double GOAL_PER_SECOND = 1000;

  private MarathonBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new LinkedHashMap<>(Map.of("--instances", "1000", "--agents", "50", "--runc-instances", "50",
        "--work-dir", "/tmp/berth-bench-marathon", "--out", "bench/results/marathon.json"));
    for (int i = 0; i + 1 < argv.length; i += 2) {
      args.put(argv[i], argv[i + 1]);
    }
    Path work = Path.of(args.get("--work-dir"));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "marathon");
    result.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
        "java", System.getProperty("java.version"), "load_average_before", loadAverage()));
    result.put("simulated", simulated(work.resolve("sim"), Integer.parseInt(args.get("--instances")),
        Integer.parseInt(args.get("--agents"))));
    if (args.containsKey("--marathon")) {
      JsonHttp http = args.containsKey("--credentials")
          ? io.berth.node.up.AdminLogin.client(args.get("--master"), io.berth.iam.AdminCredentials.readOrCreate(
              Path.of(args.get("--credentials"))), Duration.ofSeconds(30))
          : new JsonHttp(Duration.ofSeconds(30));
      result.put("runc", real(http, args.get("--marathon"), work.resolve("runc"), Integer.parseInt(args.get("--runc-instances"))));
    }
    result.put("load_average_after", loadAverage());
    Path out = Path.of(args.get("--out"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.write(out, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(result));
    System.out.println(new String(Files.readAllBytes(out), StandardCharsets.UTF_8));
    System.exit(0);
  }

  private static Map<String, Object> simulated(Path work, int instances, int agents) throws Exception {
    Ticker ticker = SystemTime.ticker();
    Path shm = Path.of("/dev/shm");
    Path agentsDir = Files.isDirectory(shm) && Files.isWritable(shm)
        ? Files.createTempDirectory(shm, "berth-bench-marathon-") : work.resolve("agents");
    try (SimulatedCluster cluster = new SimulatedCluster(work, agentsDir, agents)) {
      JsonHttp http = new JsonHttp(Duration.ofSeconds(30));
      warmUp(cluster, http, Math.min(200, instances));
      String body = "{\"id\":\"/bench\",\"cmd\":\"sleep 3600\",\"cpus\":0.1,\"mem\":32,\"instances\":" + instances + "}";
      List<Long> milestones = new ArrayList<>();
      long[] launched = {0};
      long start = ticker.nanos();
      http.send("POST", cluster.url() + "/v2/apps", body.getBytes(StandardCharsets.UTF_8));
      long posted = ticker.nanos() - start;
      int next = instances / 10;
      long deadline = start + Duration.ofMinutes(5).toNanos();
      while (true) {
        var tasks = cluster.publisher().current().tasks().values().stream()
            .filter(t -> t.id().startsWith("bench.")).toList();
        long running = tasks.stream().filter(t -> t.state() == TaskState.TASK_RUNNING).count();
        if (launched[0] == 0 && tasks.size() >= instances) {
          launched[0] = ticker.nanos() - start;
        }
        while (next > 0 && running >= next && milestones.size() < 10) {
          milestones.add(ticker.nanos() - start);
          next += instances / 10;
        }
        if (running >= instances) {
          break;
        }
        if (ticker.nanos() > deadline) {
          throw new IllegalStateException("only " + running + " of " + instances + " running after 5 minutes");
        }
        LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
      }
      long allRunning = ticker.nanos() - start;
      SimulatedCluster.waitFor(() -> cluster.publisher().current().apps().deployments().isEmpty(), "the deployment to end");
      long deployed = ticker.nanos() - start;
      double seconds = allRunning / 1e9;
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("instances", instances);
      r.put("agents", agents);
      r.put("warm_up", "a deployment of " + Math.min(200, instances) + " instances ran and was deleted first");
      r.put("agents_checkpoint_dir", agentsDir.toString());
      r.put("post_ms", posted / 1e6);
      r.put("all_launched_ms", launched[0] / 1e6);
      r.put("launched_per_second", launched[0] == 0 ? null : instances / (launched[0] / 1e9));
      r.put("all_running_ms", allRunning / 1e6);
      r.put("deployment_done_ms", deployed / 1e6);
      r.put("instances_per_second", instances / seconds);
      r.put("milestones_ms", milestones.stream().map(n -> n / 1e6).toList());
      r.put("reference", "Marathon's best published demo: about " + MARATHON_PUBLISHED_PER_SECOND
          + " instances/s (24,000-core cluster); no Marathon binary runs here");
      r.put("reference_instances_per_second", MARATHON_PUBLISHED_PER_SECOND);
      r.put("ratio_to_reference", (instances / seconds) / MARATHON_PUBLISHED_PER_SECOND);
      r.put("goal_instances_per_second", GOAL_PER_SECOND);
      r.put("met", instances / seconds >= GOAL_PER_SECOND);
      return r;
    } finally {
      deleteTree(agentsDir);
    }
  }

  /**
   * One smaller deployment first, deleted again, so that the measured one runs on a warm JVM (as a Marathon that has
   * been up for a while does) rather than timing the JIT compiler.
   */
  private static void warmUp(SimulatedCluster cluster, JsonHttp http, int instances) {
    String body = "{\"id\":\"/warm-up\",\"cmd\":\"sleep 3600\",\"cpus\":0.01,\"mem\":1,\"instances\":" + instances + "}";
    http.send("POST", cluster.url() + "/v2/apps", body.getBytes(StandardCharsets.UTF_8));
    SimulatedCluster.waitFor(() -> cluster.publisher().current().tasks().values().stream()
        .filter(t -> t.state() == TaskState.TASK_RUNNING).count() >= instances, "the warm-up app to run");
    SimulatedCluster.waitFor(() -> cluster.publisher().current().apps().deployments().isEmpty(), "the warm-up deployment");
    http.send("DELETE", cluster.url() + "/v2/apps/warm-up", null);
    SimulatedCluster.waitFor(() -> cluster.publisher().current().tasks().values().stream().allMatch(t -> t.terminal())
        && cluster.publisher().current().apps().deployments().isEmpty(), "the warm-up app to stop");
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (Files.exists(dir)) {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static Map<String, Object> real(JsonHttp http, String marathon, Path work, int instances) throws Exception {
    Ticker ticker = SystemTime.ticker();
    String body = "{\"id\":\"/bench-runc\",\"cmd\":\"sleep 3600\",\"cpus\":0.01,\"mem\":16,\"instances\":" + instances + "}";
    long start = ticker.nanos();
    http.send("POST", marathon + "/v2/apps", body.getBytes(StandardCharsets.UTF_8));
    long deadline = start + Duration.ofMinutes(5).toNanos();
    while (running(http, marathon) < instances) {
      if (ticker.nanos() > deadline) {
        throw new IllegalStateException("not all " + instances + " instances running after 5 minutes");
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    long berth = ticker.nanos() - start;
    http.send("DELETE", marathon + "/v2/apps/bench-runc", null);
    while (Json.tree(http.getBytes(marathon + "/v2/tasks")).path("tasks").size() > 0) {
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
    long reference;
    try (RuncReference runc = new RuncReference(work)) {
      reference = runc.startAll(instances, "sleep 3600", 0.01, 16);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("instances", instances);
    r.put("berth_all_running_ms", berth / 1e6);
    r.put("berth_instances_per_second", instances / (berth / 1e9));
    r.put("reference", "the same number of `runc run --detach`, one after the other, bundles written beforehand");
    r.put("runc_all_started_ms", reference / 1e6);
    r.put("runc_instances_per_second", instances / (reference / 1e9));
    r.put("ratio", (double) berth / reference);
    return r;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static int running(JsonHttp http, String marathon) {
    JsonNode app = Json.tree(http.getBytes(marathon + "/v2/apps/bench-runc")).path("app");
    return app.path("tasksRunning").asInt();
  }
}

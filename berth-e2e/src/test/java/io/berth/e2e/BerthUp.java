package io.berth.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.client.JsonHttp;
import io.berth.common.json.Json;
import io.berth.iam.AdminCredentials;
import io.berth.node.up.AdminLogin;
import io.berth.testkit.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real cluster started with {@code java -jar berth.jar up} as a separate process, on free ports and a directory of
 * the test's own. {@link #stop()} sends SIGTERM, as Ctrl-C would.
 */
final class BerthUp implements AutoCloseable {
  /**
   * Each cluster gets its own block of 3000 host ports (3 agents), so that clusters of tests running at the same time do
   * not collide; below {@link FreePorts}' range and Linux's ephemeral range (32768 and up), where an outgoing
   * connection (the agent's own to the master) could hold the port a task is given and its server fails to bind.
   */
  final int hostPortsStart = 11000 + 3000 * java.util.concurrent.ThreadLocalRandom.current().nextInt(3);

  final Path dir;
  final int agents;
  final String runtime;
  final int masterPort = FreePorts.next();
  final int zkPort = FreePorts.next();
  final int agentPort = FreePorts.next();
  final int gatewayPort = FreePorts.next();
  final int gatewayTlsPort = FreePorts.next();
  /** The master's DNS server (UDP and TCP) and Mesos-DNS API; agents' forwarders stay on port 53 of their IPs. */
  final int dnsPort = FreePorts.next();
  final int dnsHttpPort = FreePorts.next();
  /** Every agent's gateway listens on this port of its own IP. */
  final int agentGatewayPort = FreePorts.next();
  /** More flags for {@code berth up} (e.g. {@code --no-internal-auth}). */
  final List<String> extraArgs = new ArrayList<>();
  /** The superuser's credentials, made before the cluster starts; {@code berth up} then uses them. */
  final AdminCredentials admin;
  /** A client of the cluster's APIs that sends the superuser's token: the master and agent ports require one. */
  final JsonHttp http;
  /** A client that sends no token, to see what the APIs answer without one. */
  final JsonHttp plainHttp = new JsonHttp(Duration.ofSeconds(10));
  private Process process;

  BerthUp(Path dir, int agents, String runtime) {
    this.dir = dir;
    this.agents = agents;
    this.runtime = runtime;
    this.admin = AdminCredentials.readOrCreate(dir.resolve("admin-credentials"));
    this.http = AdminLogin.client("http://127.0.0.1:" + masterPort, admin, Duration.ofSeconds(10));
  }

  /** A fresh token of the superuser, from the master's login. */
  String token() {
    return Json.tree(plainHttp.send("POST", "http://127.0.0.1:" + masterPort + "/acs/api/v1/auth/login", admin))
        .path("token").asText();
  }

  static Path jar() {
    return Path.of(System.getProperty("berth.jar", "../berth-node/target/berth.jar")).toAbsolutePath().normalize();
  }

  BerthUp start() throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
        "--sun-misc-unsafe-memory-access=allow", "-jar", jar().toString(), "up",
        "--agents", String.valueOf(agents), "--dir", dir.toString(), "--runtime", runtime,
        "--master-port", String.valueOf(masterPort), "--zk-port", String.valueOf(zkPort),
        "--agent-port", String.valueOf(agentPort), "--host-ports-start", String.valueOf(hostPortsStart), "--heap", "192m",
        "--gateway-port", String.valueOf(gatewayPort), "--gateway-tls-port", String.valueOf(gatewayTlsPort),
        "--dns-port", String.valueOf(dnsPort), "--dns-http-port", String.valueOf(dnsHttpPort),
        "--agent-gateway-port", String.valueOf(agentGatewayPort)));
    command.addAll(extraArgs);
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve("cluster.json"));
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("up.out").toFile())).start();
    await("berth up to write cluster.json").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          if (!process.isAlive()) {
            throw new IllegalStateException("berth up exited with " + process.exitValue() + ": " + Files.readString(dir.resolve("up.out"))
                + "\n--- the master's log ends with:\n" + tail(dir.resolve("logs").resolve("master.log"), 40));
          }
          return Files.exists(dir.resolve("cluster.json"));
        });
    return this;
  }

  /** The last {@code lines} lines of a log file (empty if there is none), for failure messages. */
  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "";
    }
  }

  JsonNode cluster() {
    try {
      return Json.tree(Files.readAllBytes(dir.resolve("cluster.json")));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The master's own port (cluster.json's {@code master} is the gateway's {@code /mesos} route). */
  String masterUrl() {
    return cluster().path("direct").path("master").asText();
  }

  String agentUrl(int n) {
    return "http://127.0.0." + (n + 1) + ":" + agentPort;
  }

  /** The process of a role ("master", "agent-1", ...), found by its work dir on its command line. */
  Optional<ProcessHandle> role(String name) {
    String workDir = name.equals("master") ? dir.resolve("master").toString() : dir.resolve("agents").resolve(name).toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains("--work-dir " + workDir + " ")
            || c.endsWith("--work-dir " + workDir)).orElse(false))
        .filter(p -> p.info().commandLine().map(c -> c.contains("java")).orElse(false))
        .findFirst();
  }

  /** Processes this cluster's containers left: conmon monitors and runc inits whose command line names the dir. */
  List<String> leftovers() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != ProcessHandle.current().pid())
        .map(p -> p.info().commandLine().orElse(""))
        .filter(c -> c.contains(dir.toString()) && !c.contains(" up ") && (c.contains("conmon") || c.contains("runc")
            || c.contains("setsid")))
        .toList();
  }

  /**
   * The conmon monitors of this cluster's containers: conmon processes naming the dir, without the agents' spare
   * monitors, whose gate (a child running the agent's {@code monitor-gate} script) still waits for a container.
   */
  List<String> containerMonitors() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains("conmon") && c.contains(dir.toString())).orElse(false))
        .filter(p -> p.children().noneMatch(child -> child.info().commandLine()
            .map(c -> c.contains("monitor-gate")).orElse(false)))
        .map(p -> p.info().commandLine().orElse(""))
        .toList();
  }

  JsonNode launch(Map<String, Object> task) {
    return Json.tree(http.send("POST", masterUrl() + "/berth/v1/tasks", task));
  }

  JsonNode task(String id) {
    return Json.tree(http.getBytes(masterUrl() + "/berth/v1/tasks/" + id));
  }

  String state(String id) {
    return task(id).path("state").asText();
  }

  private static final java.util.Set<String> TERMINAL = java.util.Set.of("TASK_FINISHED", "TASK_FAILED", "TASK_KILLED",
      "TASK_ERROR", "TASK_LOST", "TASK_DROPPED", "TASK_GONE");

  /** Waits for a task's state; fails at once, with the task's statuses, if it ends in another state. */
  JsonNode awaitState(String id, String state, Duration within) {
    await(id + " to reach " + state).atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> {
      JsonNode task = task(id);
      String now = task.path("state").asText();
      if (!now.equals(state) && TERMINAL.contains(now)) {
        throw new AssertionError(id + " ended in " + now + " instead of " + state + ": " + task.path("statuses"));
      }
      return now.equals(state);
    });
    return task(id);
  }

  /** The task's executor entry in its agent's Mesos state (sandbox directory, container). */
  JsonNode executor(int agent, String taskId) {
    JsonNode state = Json.tree(http.getBytes(agentUrl(agent) + "/slave(1)/state"));
    for (JsonNode f : state.path("frameworks")) {
      for (JsonNode e : f.path("executors")) {
        if (e.path("id").asText().equals(taskId)) {
          return e;
        }
      }
    }
    throw new AssertionError("task " + taskId + " is not on agent " + agent);
  }

  int agentOf(JsonNode task) {
    String host = task.path("host").asText();
    return Integer.parseInt(host.substring(host.lastIndexOf('.') + 1)) - 1;
  }

  /** Stops the cluster as Ctrl-C does and waits for berth up to exit. */
  int stop() throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return process == null ? 0 : process.exitValue();
    }
    process.destroy();
    if (!process.waitFor(150, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("berth up did not stop within 150 s");
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    // Never leave a test's cluster behind, even when the test failed half-way.
    ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(dir.toString())).orElse(false))
        .filter(p -> p.pid() != ProcessHandle.current().pid()).forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * Kills task processes of this cluster that outlived it (a framework may start replacements while the agents stop):
   * the processes whose {@code MESOS_DIRECTORY} (their sandbox) lies in this cluster's directory, with their
   * descendants. Call after {@link #close()}.
   */
  void reapTasks() {
    String marker = "MESOS_DIRECTORY=" + dir + "/";
    ProcessHandle.allProcesses().filter(p -> {
      try {
        return Files.readString(Path.of("/proc", String.valueOf(p.pid()), "environ")).contains(marker);
      } catch (IOException | RuntimeException e) {
        return false; // gone, or not ours to read
      }
    }).forEach(p -> {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    });
  }
}

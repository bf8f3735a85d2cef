package io.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth up --agents 2} with real runc containers, driven over HTTP and with curl, as a user would. Agents and
 * the master are killed with SIGKILL to show that nothing is lost.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuncClusterE2ETest {
  @TempDir
  static Path tmp;
  static BerthUp cluster;

  @BeforeAll
  static void up() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "runc containers need root");
    cluster = new BerthUp(tmp.resolve("cluster"), 2, "runc");
    // The runtime's behaviour, with raw clients that send no token (the agent's plumbing is for the master's account
    // only); InternalAuthE2ETest covers the default, authenticated cluster.
    cluster.extraArgs.add("--no-internal-auth");
    cluster.start();
    assertThat(cluster.cluster().path("agents")).hasSize(2);
  }

  @AfterAll
  static void down() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Map<String, Object> task(String id, String cmd, double mem, List<String> ports) {
    return Map.of("id", id, "cmd", cmd, "cpus", 0.1, "mem", mem, "ports", ports, "killGracePeriodSeconds", 5);
  }

  private static String curl(String url) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("curl", "-sf", "--max-time", "5", url).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.waitFor() == 0 ? out : null;
  }

  private static String readFile(int agent, String path) {
    JsonNode read = Json.tree(cluster.http.getBytes(cluster.agentUrl(agent) + "/files/read?offset=0&path=" + path));
    return read.path("data").asText();
  }

  @Test
  @Order(1)
  void aTaskServesHttpItsStdoutIsReadableAndAKillEndsItWithinItsGracePeriod() throws Exception {
    cluster.launch(task("web", "echo started-web; cd $MESOS_SANDBOX && echo hi > index.html && exec python3 -m http.server $PORT0",
        64, List.of("http")));
    JsonNode web = cluster.awaitState("web", "TASK_RUNNING", Duration.ofSeconds(30));
    String url = "http://" + web.path("host").asText() + ":" + web.path("ports").get(0).asLong() + "/index.html";
    assertThat(web.path("ports").get(0).asLong()).isBetween((long) cluster.hostPortsStart, cluster.hostPortsStart + 1999L);
    await().atMost(Duration.ofSeconds(20)).until(() -> "hi\n".equals(curl(url)));

    int agent = cluster.agentOf(web);
    String sandbox = cluster.executor(agent, "web").path("directory").asText();
    assertThat(readFile(agent, sandbox + "/stdout")).contains("started-web");

    cluster.http.delete(cluster.masterUrl() + "/berth/v1/tasks/web");
    JsonNode killed = cluster.awaitState("web", "TASK_KILLED", Duration.ofSeconds(20));
    List<JsonNode> statuses = new ArrayList<>();
    killed.path("statuses").forEach(statuses::add);
    Instant killing = Instant.parse(statuses.stream().filter(s -> s.path("state").asText().equals("TASK_KILLING"))
        .findFirst().orElseThrow().path("timestamp").asText());
    Instant end = Instant.parse(statuses.getLast().path("timestamp").asText());
    assertThat(Duration.between(killing, end)).isLessThanOrEqualTo(Duration.ofSeconds(5));
    assertThat(curl(url)).isNull();
  }

  @Test
  @Order(2)
  void aTaskThatExceedsItsMemoryFailsWithTheMemoryReason() {
    cluster.launch(task("hog", "python3 -c 'a = bytearray(300 * 1024 * 1024); import time; time.sleep(60)'", 64, List.of()));
    JsonNode hog = cluster.awaitState("hog", "TASK_FAILED", Duration.ofSeconds(60));
    JsonNode last = hog.path("statuses").get(hog.path("statuses").size() - 1);
    assertThat(last.path("reason").asText()).isEqualTo("REASON_CONTAINER_LIMITATION_MEMORY");
    assertThat(last.path("message").asText()).containsIgnoringCase("memory");
  }

  @Test
  @Order(3)
  void aTaskThatExitsWithThreeFailsWithTheExitCodeInItsMessage() {
    cluster.launch(task("three", "echo bye; exit 3", 32, List.of()));
    JsonNode three = cluster.awaitState("three", "TASK_FAILED", Duration.ofSeconds(30));
    JsonNode last = three.path("statuses").get(three.path("statuses").size() - 1);
    assertThat(last.path("message").asText()).contains("3");
    assertThat(last.path("exitCode").asInt()).isEqualTo(3);
  }

  @Test
  @Order(4)
  void killingTheAgentWithSigkillKeepsTheTaskRunningInTheSameContainer() throws Exception {
    cluster.launch(task("survivor", "echo $$ >> $MESOS_SANDBOX/starts; cd $MESOS_SANDBOX && exec python3 -m http.server $PORT0",
        64, List.of("http")));
    JsonNode survivor = cluster.awaitState("survivor", "TASK_RUNNING", Duration.ofSeconds(30));
    int agent = cluster.agentOf(survivor);
    JsonNode executor = cluster.executor(agent, "survivor");
    String container = executor.path("container").asText();
    String sandbox = executor.path("directory").asText();
    String url = "http://" + survivor.path("host").asText() + ":" + survivor.path("ports").get(0).asLong() + "/starts";
    await().atMost(Duration.ofSeconds(20)).until(() -> curl(url) != null);

    ProcessHandle before = cluster.role("agent-" + agent).orElseThrow();
    new ProcessBuilder("kill", "-9", String.valueOf(before.pid())).start().waitFor();
    await("agent-" + agent + " restarted").atMost(Duration.ofSeconds(60))
        .until(() -> cluster.role("agent-" + agent).filter(p -> p.pid() != before.pid()).isPresent());
    await("agent-" + agent + " re-attached").atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> cluster.executor(agent, "survivor").path("container").asText(), container::equals);

    assertThat(cluster.state("survivor")).isEqualTo("TASK_RUNNING");
    assertThat(Files.readAllLines(Path.of(sandbox, "starts"))).hasSize(1);
    assertThat(curl(url)).isNotNull();
    JsonNode tasks = Json.tree(cluster.http.getBytes(cluster.masterUrl() + "/master/tasks?limit=1000"));
    List<JsonNode> copies = new ArrayList<>();
    tasks.path("tasks").forEach(t -> {
      if (t.path("id").asText().equals("survivor")) {
        copies.add(t);
      }
    });
    assertThat(copies).hasSize(1);
    assertThat(copies.getFirst().path("statuses").findValuesAsText("state")).doesNotHaveDuplicates();
  }

  @Test
  @Order(5)
  void aTaskThatEndsWhileItsAgentIsDownIsReportedAfterTheRestart() throws Exception {
    cluster.launch(task("latecomer", "while [ ! -f $MESOS_SANDBOX/go ]; do sleep 0.1; done; echo done; exit 0", 32, List.of()));
    JsonNode latecomer = cluster.awaitState("latecomer", "TASK_RUNNING", Duration.ofSeconds(30));
    int agent = cluster.agentOf(latecomer);
    JsonNode executor = cluster.executor(agent, "latecomer");
    String container = executor.path("container").asText();
    ProcessHandle agentProcess = cluster.role("agent-" + agent).orElseThrow();

    new ProcessBuilder("kill", "-STOP", String.valueOf(agentProcess.pid())).start().waitFor();
    Files.writeString(Path.of(executor.path("directory").asText(), "go"), "");
    await("the container's monitor to record the exit").atMost(Duration.ofSeconds(30))
        .until(() -> ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine()
            .map(c -> c.contains("conmon") && c.contains(container)).orElse(false)));
    assertThat(cluster.state("latecomer")).isEqualTo("TASK_RUNNING");
    new ProcessBuilder("kill", "-9", String.valueOf(agentProcess.pid())).start().waitFor();

    cluster.awaitState("latecomer", "TASK_FINISHED", Duration.ofSeconds(60));
  }

  @Test
  @Order(6)
  void killingTheMasterWithSigkillLosesNothing() throws Exception {
    JsonNode before = Json.tree(cluster.http.getBytes(cluster.masterUrl() + "/master/state"));
    ProcessHandle master = cluster.role("master").orElseThrow();
    new ProcessBuilder("kill", "-9", String.valueOf(master.pid())).start().waitFor();
    await("the master restarted").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
        cluster.role("master").filter(p -> p.pid() != master.pid()).isPresent()
            && cluster.http.send("GET", cluster.masterUrl() + "/master/health", null) != null);
    await("both agents back").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
        Json.tree(cluster.http.getBytes(cluster.masterUrl() + "/master/slaves")).path("slaves").findValuesAsText("active")
            .stream().filter("true"::equals).count() == 2);
    JsonNode after = Json.tree(cluster.http.getBytes(cluster.masterUrl() + "/master/state"));
    assertThat(after.path("slaves").findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(
        before.path("slaves").findValuesAsText("id"));
    assertThat(taskStates(after)).isEqualTo(taskStates(before));
    // and it still launches tasks
    cluster.launch(task("after-failover", "sleep 600", 32, List.of()));
    cluster.awaitState("after-failover", "TASK_RUNNING", Duration.ofSeconds(30));
  }

  private static Map<String, String> taskStates(JsonNode state) {
    Map<String, String> states = new java.util.TreeMap<>();
    for (JsonNode f : state.path("frameworks")) {
      for (String kind : List.of("tasks", "completed_tasks", "unreachable_tasks")) {
        f.path(kind).forEach(t -> states.put(t.path("id").asText(), t.path("state").asText()));
      }
    }
    return states;
  }

  @Test
  @Order(7)
  void theFilesApiRefusesPathsOutsideSandboxes() throws Exception {
    JsonNode task = cluster.task("after-failover");
    int agent = cluster.agentOf(task);
    String sandbox = cluster.executor(agent, "after-failover").path("directory").asText();
    HttpClient client = HttpClient.newHttpClient();
    for (String path : List.of(sandbox + "/../../../../../etc/passwd", sandbox + "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/etc/passwd", sandbox + "//..//..//..//etc/shadow")) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(
          URI.create(cluster.agentUrl(agent) + "/files/read?offset=0&path=" + path.replace("/", "%2F"))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isBetween(400, 404);
      assertThat(response.body()).doesNotContain("root:");
    }
  }

  @Test
  @Order(8)
  void badInputGetsAClearErrorAndChangesNothing() throws Exception {
    String master = cluster.masterUrl();
    int before = Json.tree(cluster.http.getBytes(master + "/master/tasks?limit=1000")).path("tasks").size();
    HttpClient client = HttpClient.newHttpClient();
    record Case(String method, String url, String body, int status, String says) {}
    List<Case> cases = List.of(
        new Case("POST", master + "/berth/v1/tasks", "{\"id\": \"x\", ", 400, "Invalid JSON"),
        new Case("POST", master + "/berth/v1/tasks", "{\"id\": \"neg\", \"cmd\": \"true\", \"cpus\": -1}", 422, "/cpus"),
        new Case("POST", master + "/berth/v1/tasks", "{\"id\": \"nocmd\"}", 422, "/cmd"),
        new Case("POST", master + "/berth/v1/tasks", "{\"id\": \"../x\", \"cmd\": \"true\"}", 422, "/id"),
        new Case("POST", master + "/berth/v1/tasks", "{\"id\": \"three\", \"cmd\": \"true\", \"mem\": 1000000}", 422, "No agent"),
        new Case("GET", master + "/berth/v1/tasks/no-such-task", null, 404, "no-such-task"),
        new Case("DELETE", master + "/berth/v1/tasks/no-such-task", null, 404, "no-such-task"),
        new Case("DELETE", master + "/berth/v1/tasks/three", null, 409, "already ended"),
        new Case("GET", master + "/master/tasks?limit=abc", null, 400, "limit"),
        new Case("POST", cluster.agentUrl(1) + "/internal/tasks/no-such-task/kill", "{\"taskId\": \"no-such-task\"}", 404, "no-such-task"),
        new Case("POST", cluster.agentUrl(1) + "/internal/tasks", "{\"tasks\": [", 400, "JSON"),
        new Case("GET", cluster.agentUrl(1) + "/files/read?path=/nope&offset=0", null, 403, ""));
    for (Case c : cases) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(c.url())).header("Content-Type", "application/json");
      request.method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(c.body()));
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(c.method() + " " + c.url() + " -> " + response.body()).isEqualTo(c.status());
      assertThat(response.body()).as(c.url()).contains(c.says());
    }
    assertThat(Json.tree(cluster.http.getBytes(master + "/master/tasks?limit=1000")).path("tasks")).hasSize(before);
  }

  @Test
  @Order(9)
  void ctrlCStopsEverythingAndASecondUpRestoresTheCluster() throws Exception {
    JsonNode before = cluster.cluster();
    assertThat(cluster.stop()).isZero();
    assertThat(cluster.leftovers()).isEmpty();
    assertThat(cluster.role("master")).isEmpty();
    assertThat(cluster.role("agent-1")).isEmpty();

    BerthUp again = new BerthUp(cluster.dir, 2, "runc");
    again.extraArgs.add("--no-internal-auth");
    again.start();
    try {
      assertThat(again.cluster().path("agents").findValuesAsText("id"))
          .containsExactlyInAnyOrderElementsOf(before.path("agents").findValuesAsText("id"));
      assertThat(again.state("three")).isEqualTo("TASK_FAILED");
      assertThat(again.state("after-failover")).isEqualTo("TASK_KILLED");
    } finally {
      again.close();
    }
    assertThat(again.leftovers()).isEmpty();
  }
}

package io.berth.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.common.json.Json;
import io.berth.http.ErrorRenderer;
import io.berth.http.HttpServer;
import io.berth.http.Response;
import io.berth.http.Routes;
import io.berth.testkit.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Marathon scheduling on a real master with three agents on FakeRuntime. */
class MarathonSchedulingTest {
  static final Duration WAIT = Duration.ofSeconds(40);
  @TempDir
  Path dir;
  MarathonCluster cluster;
  final List<String> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    cluster = MarathonCluster.start(dir, 3);
    cluster.marathon.events().listen(e -> events.add(e.eventType() + " " + e.payload().path("appId").asText("")));
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  static JsonNode json(String text) {
    return Json.tree(text.getBytes());
  }

  private void awaitRunning(String app, int n) {
    await(app + " to run " + n).atMost(WAIT).pollInterval(Duration.ofMillis(50))
        .until(() -> cluster.running(app).size() == n && cluster.noDeployments());
  }

  @Test
  void createsScalesReplacesKilledTasksAndDeletes() {
    MarathonCluster.Answer created = cluster.call("POST", "/v2/apps", json(
        "{\"id\":\"web\",\"cmd\":\"sleep 1000\",\"cpus\":0.1,\"mem\":16,\"instances\":3,\"env\":{\"A\":\"b\"},\"labels\":{\"team\":\"x\"}}"));
    assertThat(created.status()).isEqualTo(201);
    awaitRunning("/web", 3);
    JsonNode task = cluster.get("/v2/apps/web/tasks").path("tasks").path(0);
    assertThat(task.path("id").asText()).matches("web\\.instance-.*\\._app\\.1");
    assertThat(task.path("ports")).hasSize(1);
    assertThat(task.path("servicePorts").path(0).asInt()).isBetween(10000, 19999);
    Map<String, String> env = cluster.specOf(task.path("id").asText()).env();
    assertThat(env).containsEntry("MARATHON_APP_ID", "/web").containsEntry("A", "b")
        .containsEntry("MARATHON_APP_LABEL_TEAM", "x").containsEntry("PORT0", task.path("ports").path(0).asText())
        .containsKey("MARATHON_APP_VERSION");

    assertThat(cluster.call("PUT", "/v2/apps/web", json("{\"instances\":5}")).status()).isEqualTo(200);
    awaitRunning("/web", 5);
    assertThat(cluster.get("/v2/apps/web").path("app").path("tasksRunning").asInt()).isEqualTo(5);

    String victim = cluster.running("/web").getFirst();
    MarathonCluster.Answer killed = cluster.call("DELETE", "/v2/apps/web/tasks/" + victim, null);
    assertThat(killed.status()).isEqualTo(200);
    assertThat(killed.body().path("task").path("id").asText()).isEqualTo(victim);
    await("replacement").atMost(WAIT).until(() -> {
      List<String> running = cluster.running("/web");
      return running.size() == 5 && !running.contains(victim);
    });

    String second = cluster.running("/web").getFirst();
    MarathonCluster.Answer scaled = cluster.call("DELETE", "/v2/apps/web/tasks/" + second + "?scale=true", null);
    assertThat(scaled.body().has("deploymentId")).isTrue();
    awaitRunning("/web", 4);
    assertThat(cluster.running("/web")).doesNotContain(second);
    assertThat(cluster.get("/v2/apps/web").path("app").path("instances").asInt()).isEqualTo(4);

    assertThat(cluster.call("DELETE", "/v2/apps/web", null).status()).isEqualTo(200);
    await("web gone").atMost(WAIT).until(() -> cluster.get("/v2/tasks").path("tasks").isEmpty() && cluster.noDeployments());
    assertThat(cluster.call("GET", "/v2/apps/web", null).status()).isEqualTo(404);
    assertThat(events).contains("app_terminated_event /web");
    assertThat(events.stream().filter(e -> e.startsWith("deployment_success")).count()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void uniqueHostnameRunsOnePerAgentAndQueuesTheRestWithAReason() {
    cluster.call("POST", "/v2/apps", json(
        "{\"id\":\"u\",\"cmd\":\"sleep 1000\",\"cpus\":0.1,\"mem\":16,\"instances\":4,\"constraints\":[[\"hostname\",\"UNIQUE\"]]}"));
    await().atMost(WAIT).until(() -> cluster.running("/u").size() == 3);
    await("queue with reason").atMost(WAIT).until(() -> {
      JsonNode q = cluster.get("/v2/queue").path("queue").path(0);
      return q.path("count").asInt() == 1
          && q.path("processedOffersSummary").path("rejectSummaryLastOffers").toString().contains("UnfulfilledConstraint");
    });
    List<String> hosts = new ArrayList<>();
    cluster.get("/v2/apps/u/tasks").path("tasks").forEach(t -> hosts.add(t.path("host").asText()));
    assertThat(hosts).containsExactlyInAnyOrder("agent-1", "agent-2", "agent-3");
    assertThat(cluster.get("/v2/deployments")).hasSize(1);
  }

  @Test
  void crashLoopingAppBacksOffWithGrowingDelays() {
    cluster.runtimes.forEach(r -> r.failStarts("no such binary"));
    cluster.call("POST", "/v2/apps", json(
        "{\"id\":\"crash\",\"cmd\":\"false\",\"cpus\":0.1,\"mem\":16,\"instances\":1,\"backoffSeconds\":1,\"backoffFactor\":3,\"maxLaunchDelaySeconds\":300}"));
    await("backoff of at least 3s").atMost(WAIT).until(() -> {
      JsonNode q = cluster.get("/v2/queue").path("queue").path(0);
      var delay = cluster.master.publisher().current().apps().delays().get("/crash");
      return delay != null && delay.delaySeconds() >= 3 && q.path("delay").path("timeLeftSeconds").asInt() >= 1
          && !q.path("delay").path("overdue").asBoolean();
    });
    var delay = cluster.master.publisher().current().apps().delays().get("/crash");
    assertThat(delay.failures()).isGreaterThanOrEqualTo(2);
    assertThat(java.time.Duration.between(delay.since(), delay.until()).toMillis()).isEqualTo((long) (delay.delaySeconds() * 1000));
    assertThat(cluster.get("/v2/apps/crash").path("app").path("lastTaskFailure").path("state").asText()).isIn("TASK_FAILED", "TASK_ERROR");
    assertThat(cluster.call("DELETE", "/v2/queue/crash/delay", null).status()).isEqualTo(204);
    await().atMost(WAIT).until(() -> {
      var d = cluster.master.publisher().current().apps().delays().get("/crash");
      return d == null || d.failures() == 1;
    });
  }

  @Test
  void rollingRestartKeepsMinimumHealthCapacity() {
    cluster.call("POST", "/v2/apps", json("{\"id\":\"r\",\"cmd\":\"sleep 1000\",\"cpus\":0.1,\"mem\":16,\"instances\":4,"
        + "\"upgradeStrategy\":{\"minimumHealthCapacity\":0.5,\"maximumOverCapacity\":0}}"));
    awaitRunning("/r", 4);
    List<String> before = cluster.running("/r");
    List<Integer> samples = new CopyOnWriteArrayList<>();
    assertThat(cluster.call("POST", "/v2/apps/r/restart", null).status()).isEqualTo(200);
    await("restart done").atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> {
      List<String> running = cluster.running("/r");
      samples.add(running.size());
      return cluster.noDeployments() && running.size() == 4 && running.stream().noneMatch(before::contains);
    });
    assertThat(samples).allMatch(n -> n >= 2);
    assertThat(samples).anyMatch(n -> n < 4);
  }

  @Test
  void groupDependenciesStartInOrder() {
    MarathonCluster.Answer a = cluster.call("POST", "/v2/groups", json("{\"id\":\"/shop\",\"apps\":["
        + "{\"id\":\"web\",\"cmd\":\"sleep 1000\",\"cpus\":0.1,\"mem\":16,\"dependencies\":[\"db\"]},"
        + "{\"id\":\"db\",\"cmd\":\"sleep 1000\",\"cpus\":0.1,\"mem\":16}]}"));
    assertThat(a.status()).isEqualTo(201);
    awaitRunning("/shop/web", 1);
    String dbStarted = cluster.get("/v2/apps/shop/db/tasks").path("tasks").path(0).path("startedAt").asText();
    String webStaged = cluster.get("/v2/apps/shop/web/tasks").path("tasks").path(0).path("stagedAt").asText();
    assertThat(dbStarted.compareTo(webStaged)).isLessThanOrEqualTo(0);
    JsonNode dry = cluster.call("PUT", "/v2/groups/shop?dryRun=true", json("{\"apps\":[]}")).body();
    assertThat(dry.toString()).contains("StopApplication");
    assertThat(cluster.get("/v2/groups/shop").path("apps")).hasSize(2);
    assertThat(cluster.call("PUT", "/v2/groups/shop", json("{\"scaleBy\":2}")).status()).isEqualTo(200);
    awaitRunning("/shop/db", 2);
    assertThat(cluster.call("DELETE", "/v2/groups/shop", null).status()).isEqualTo(200);
    await().atMost(WAIT).until(() -> cluster.get("/v2/tasks").path("tasks").isEmpty());
  }

  @Test
  void aMasterRestartDuringADeploymentResumesIt() {
    cluster.call("POST", "/v2/apps", json("{\"id\":\"late\",\"cmd\":\"sleep 1000\",\"cpus\":0.1,\"mem\":16,\"instances\":2,"
        + "\"constraints\":[[\"rack\",\"IS\",\"r9\"]]}"));
    await().atMost(WAIT).until(() -> cluster.get("/v2/queue").path("queue").size() == 1);
    String deployment = cluster.get("/v2/deployments").path(0).path("id").asText();
    cluster.restartMaster();
    assertThat(cluster.get("/v2/deployments").path(0).path("id").asText()).isEqualTo(deployment);
    assertThat(cluster.get("/v2/apps/late").path("app").path("instances").asInt()).isEqualTo(2);
    cluster.addAgent("agent-9", Map.of("rack", "r9"), new Resources(2, 1024, 1000, 0, PortRanges.parse("[35000-35100]")));
    awaitRunning("/late", 2);
  }

  @Test
  void healthChecksMakeTasksHealthyAndKillUnhealthyOnes() {
    int port = FreePorts.next();
    HttpServer server = HttpServer.start("127.0.0.1", port, List.of(Routes.builder(ErrorRenderer.json())
        .get("/health", r -> Response.text(200, "ok")).build()));
    cluster.addAgent("agent-h", Map.of("rack", "health"), new Resources(2, 1024, 1000, 0, PortRanges.parse("[" + port + "-" + port + "]")));
    try {
      cluster.call("POST", "/v2/apps", json("{\"id\":\"h\",\"cmd\":\"sleep 1000\",\"cpus\":0.1,\"mem\":16,"
          + "\"constraints\":[[\"rack\",\"IS\",\"health\"]],\"healthChecks\":[{\"protocol\":\"HTTP\",\"path\":\"/health\","
          + "\"gracePeriodSeconds\":0,\"intervalSeconds\":1,\"timeoutSeconds\":1,\"maxConsecutiveFailures\":2}]}"));
      await("healthy").atMost(WAIT).until(() -> cluster.get("/v2/apps/h").path("app").path("tasksHealthy").asInt() == 1
          && cluster.noDeployments());
      JsonNode result = cluster.get("/v2/apps/h/tasks").path("tasks").path(0).path("healthCheckResults").path(0);
      assertThat(result.path("alive").asBoolean()).isTrue();
      assertThat(events).contains("add_health_check_event /h", "health_status_changed_event /h");
      String first = cluster.running("/h").getFirst();
      server.close();
      await("unhealthy task killed").atMost(WAIT).until(() -> events.contains("unhealthy_instance_kill_event /h"));
      await().atMost(WAIT).until(() -> !cluster.running("/h").contains(first));
    } finally {
      server.close();
    }
  }

  @Test
  void agentSideCommandChecksReportHealthAndUnhealthyTasksAreReplaced() throws Exception {
    Path flag = java.nio.file.Files.writeString(dir.resolve("healthy"), "yes");
    cluster.call("POST", "/v2/apps", json("{\"id\":\"c\",\"cmd\":\"sleep 1000\",\"cpus\":0.1,\"mem\":16,"
        + "\"healthChecks\":[{\"protocol\":\"COMMAND\",\"command\":{\"value\":\"test -f " + flag + " && test -n \\\"$MARATHON_APP_ID\\\"\"},"
        + "\"gracePeriodSeconds\":0,\"intervalSeconds\":1,\"timeoutSeconds\":5,\"delaySeconds\":0,\"maxConsecutiveFailures\":2}]}"));
    await("healthy").atMost(WAIT).until(() -> cluster.get("/v2/apps/c").path("app").path("tasksHealthy").asInt() == 1
        && cluster.noDeployments());
    JsonNode result = cluster.get("/v2/apps/c/tasks").path("tasks").path(0).path("healthCheckResults").path(0);
    assertThat(result.path("alive").asBoolean()).isTrue();
    String first = cluster.running("/c").getFirst();
    java.nio.file.Files.delete(flag);
    await("killed by its agent and replaced").atMost(WAIT).until(() -> events.contains("unhealthy_instance_kill_event /c")
        && !cluster.running("/c").contains(first) && cluster.running("/c").size() == 1);
    assertThat(events).contains("health_status_changed_event /c");
  }

  @Test
  void aDeploymentWaitsForReadiness() {
    int port = FreePorts.next();
    java.util.concurrent.atomic.AtomicBoolean ready = new java.util.concurrent.atomic.AtomicBoolean();
    HttpServer server = HttpServer.start("127.0.0.1", port, List.of(Routes.builder(ErrorRenderer.json())
        .get("/ready", r -> Response.text(ready.get() ? 200 : 503, ready.get() ? "ready" : "warming up")).build()));
    cluster.addAgent("agent-r", Map.of("rack", "ready"), new Resources(2, 1024, 1000, 0, PortRanges.parse("[" + port + "-" + port + "]")));
    try {
      cluster.call("POST", "/v2/apps", json("{\"id\":\"rd\",\"cmd\":\"sleep 1000\",\"cpus\":0.1,\"mem\":16,"
          + "\"constraints\":[[\"rack\",\"IS\",\"ready\"]],\"portDefinitions\":[{\"port\":0,\"name\":\"api\"}],"
          + "\"readinessChecks\":[{\"portName\":\"api\",\"path\":\"/ready\",\"intervalSeconds\":1,\"timeoutSeconds\":0,"
          + "\"preserveLastResponse\":true}]}"));
      await("running, not ready").atMost(WAIT).until(() -> cluster.running("/rd").size() == 1
          && cluster.get("/v2/deployments").path(0).path("currentActions").path(0).path("readinessCheckResults").path(0).has("ready"));
      JsonNode result = cluster.get("/v2/deployments").path(0).path("currentActions").path(0).path("readinessCheckResults").path(0);
      assertThat(result.path("ready").asBoolean()).isFalse();
      assertThat(result.path("lastResponse").path("status").asInt()).isEqualTo(503);
      assertThat(cluster.noDeployments()).isFalse();
      ready.set(true);
      await("deployment done once ready").atMost(WAIT).until(cluster::noDeployments);
    } finally {
      server.close();
    }
  }

  @Test
  void agentSideHttpAndTcpChecksProbeTheirPorts() {
    int port = FreePorts.next();
    HttpServer server = HttpServer.start("127.0.0.1", port, List.of(Routes.builder(ErrorRenderer.json())
        .get("/up", r -> Response.text(200, "up")).build()));
    try {
      cluster.call("POST", "/v2/apps", json("{\"id\":\"mh\",\"cmd\":\"sleep 1000\",\"cpus\":0.1,\"mem\":16,\"portDefinitions\":[],"
          + "\"healthChecks\":[{\"protocol\":\"MESOS_HTTP\",\"path\":\"/up\",\"port\":" + port + ",\"gracePeriodSeconds\":0,"
          + "\"intervalSeconds\":1,\"timeoutSeconds\":2,\"delaySeconds\":0}]}"));
      cluster.call("POST", "/v2/apps", json("{\"id\":\"mt\",\"cmd\":\"sleep 1000\",\"cpus\":0.1,\"mem\":16,\"portDefinitions\":[],"
          + "\"healthChecks\":[{\"protocol\":\"MESOS_TCP\",\"port\":" + port + ",\"gracePeriodSeconds\":0,"
          + "\"intervalSeconds\":1,\"timeoutSeconds\":2,\"delaySeconds\":0}]}"));
      await("both healthy").atMost(WAIT).until(() -> cluster.get("/v2/apps/mh").path("app").path("tasksHealthy").asInt() == 1
          && cluster.get("/v2/apps/mt").path("app").path("tasksHealthy").asInt() == 1 && cluster.noDeployments());
      String id = cluster.running("/mh").getFirst();
      assertThat(cluster.specOf(id).env()).containsKey("MARATHON_APP_ID");
    } finally {
      server.close();
    }
  }

  @Test
  void anUnreachableInstanceIsReplacedElsewhere() {
    cluster.close();
    cluster = MarathonCluster.start(dir.resolve("unreachable"), 2, Duration.ofSeconds(3));
    cluster.call("POST", "/v2/apps", json("{\"id\":\"lost\",\"cmd\":\"sleep 1000\",\"cpus\":0.1,\"mem\":16,"
        + "\"unreachableStrategy\":{\"inactiveAfterSeconds\":0,\"expungeAfterSeconds\":600}}"));
    awaitRunning("/lost", 1);
    JsonNode task = cluster.get("/v2/apps/lost/tasks").path("tasks").path(0);
    int agent = Integer.parseInt(task.path("host").asText().substring("agent-".length())) - 1;
    cluster.agents.get(agent).close();
    await("replaced on another agent").atMost(WAIT).until(() -> {
      List<String> states = new ArrayList<>();
      cluster.get("/v2/apps/lost/tasks").path("tasks").forEach(t -> states.add(t.path("state").asText() + "@" + t.path("host").asText()));
      return states.contains("TASK_UNREACHABLE@" + task.path("host").asText())
          && states.stream().anyMatch(s -> s.startsWith("TASK_RUNNING@") && !s.endsWith(task.path("host").asText()));
    });
  }
}

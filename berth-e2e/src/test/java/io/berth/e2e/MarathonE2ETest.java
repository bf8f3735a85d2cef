package io.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.json.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Marathon's {@code /v2} API on {@code berth up --agents 3} with real runc containers: real HTTP servers as apps,
 * real health checks, rolling restarts, self-healing, backoff, constraints, groups, the event stream and a master
 * killed with SIGKILL in the middle of a deployment.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MarathonE2ETest {
  static final Duration WAIT = Duration.ofSeconds(90);
  @TempDir
  static Path tmp;
  static BerthUp cluster;
  static String marathon;
  static final List<String> events = new CopyOnWriteArrayList<>();
  static InputStream eventStream;

  @BeforeAll
  static void up() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "runc containers need root");
    cluster = new BerthUp(tmp.resolve("cluster"), 3, "runc").start();
    marathon = cluster.cluster().path("direct").path("marathon").asText();
    assertThat(marathon).endsWith("/marathon");
    HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(marathon + "/v2/events"))
        .header("Accept", "text/event-stream").header("Authorization", "token=" + cluster.token()).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    eventStream = stream.body();
    Thread.ofVirtual().start(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(eventStream, StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.startsWith("data: ")) {
            JsonNode e = Json.tree(line.substring(6).getBytes(StandardCharsets.UTF_8));
            events.add(e.path("eventType").asText() + " " + e.path("appId").asText(e.path("plan").path("id").asText("")));
          }
        }
      } catch (Exception e) {
        // the stream ends with the cluster
      }
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e.startsWith("event_stream_attached")));
  }

  @AfterAll
  static void down() throws Exception {
    if (eventStream != null) {
      eventStream.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  static JsonNode call(String method, String path, String body) {
    return Json.tree(cluster.http.send(method, marathon + path, body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
  }

  static JsonNode app(String id) {
    return call("GET", "/v2/apps" + id, null).path("app");
  }

  static boolean noDeployments() {
    return call("GET", "/v2/deployments", null).isEmpty();
  }

  static final String WEB = "{\"id\":\"/web\",\"cmd\":\"cd $MESOS_SANDBOX && exec python3 -m http.server $PORT0\","
      + "\"cpus\":0.1,\"mem\":48,\"instances\":3,\"healthChecks\":[{\"protocol\":\"HTTP\",\"path\":\"/\","
      + "\"gracePeriodSeconds\":30,\"intervalSeconds\":1,\"timeoutSeconds\":1,\"maxConsecutiveFailures\":3}]}";

  @Test
  @Order(1)
  void anAppOfThreeHttpServersBecomesHealthyAndTheEventStreamShowsItInOrder() {
    call("POST", "/v2/apps", WEB);
    await("3 healthy").atMost(WAIT).until(() -> app("/web").path("tasksHealthy").asInt() == 3 && noDeployments());
    JsonNode task = call("GET", "/v2/apps/web/tasks", null).path("tasks").path(0);
    assertThat(task.path("healthCheckResults").path(0).path("alive").asBoolean()).isTrue();
    String url = "http://" + task.path("host").asText() + ":" + task.path("ports").path(0).asInt() + "/";
    assertThat(new String(cluster.http.getBytes(url), StandardCharsets.UTF_8)).contains("stdout");
    List<String> seen = new ArrayList<>(events);
    int info = indexOf(seen, "deployment_info");
    int running = indexOf(seen, "status_update_event /web");
    int health = indexOf(seen, "health_status_changed_event /web");
    int success = indexOf(seen, "deployment_success");
    assertThat(info).isNotNegative().isLessThan(running);
    assertThat(running).isLessThan(health);
    assertThat(health).isLessThan(success);
  }

  private static int indexOf(List<String> list, String prefix) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  @Order(2)
  void aRollingRestartNeverDropsBelowTheMinimumHealthCapacity() {
    List<String> before = new ArrayList<>();
    call("GET", "/v2/apps/web/tasks", null).path("tasks").forEach(t -> before.add(t.path("id").asText()));
    call("PUT", "/v2/apps/web", "{\"upgradeStrategy\":{\"minimumHealthCapacity\":0.67,\"maximumOverCapacity\":0}}");
    await().atMost(WAIT).until(() -> noDeployments() && app("/web").path("tasksHealthy").asInt() == 3);
    List<Integer> healthy = new CopyOnWriteArrayList<>();
    call("POST", "/v2/apps/web/restart", null);
    await("restart").atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
      JsonNode app = app("/web");
      healthy.add(app.path("tasksHealthy").asInt());
      return noDeployments() && app.path("tasksHealthy").asInt() == 3;
    });
    assertThat(healthy).allMatch(n -> n >= 2);
    List<String> after = new ArrayList<>();
    call("GET", "/v2/apps/web/tasks", null).path("tasks").forEach(t -> after.add(t.path("id").asText()));
    assertThat(after).hasSize(3).doesNotContainAnyElementsOf(before);
  }

  @Test
  @Order(3)
  void aKilledTaskIsReplaced() {
    String victim = call("GET", "/v2/apps/web/tasks", null).path("tasks").path(0).path("id").asText();
    call("DELETE", "/v2/apps/web/tasks/" + victim, null);
    await("replacement").atMost(WAIT).until(() -> {
      List<String> ids = new ArrayList<>();
      call("GET", "/v2/apps/web/tasks", null).path("tasks").forEach(t -> {
        if (t.path("state").asText().equals("TASK_RUNNING")) {
          ids.add(t.path("id").asText());
        }
      });
      return ids.size() == 3 && !ids.contains(victim);
    });
    call("DELETE", "/v2/apps/web", null);
    await().atMost(WAIT).until(() -> call("GET", "/v2/tasks", null).path("tasks").isEmpty());
  }

  @Test
  @Order(4)
  void aCrashLoopingAppBacksOffWithGrowingDelays() {
    call("POST", "/v2/apps", "{\"id\":\"/crash\",\"cmd\":\"exit 3\",\"cpus\":0.05,\"mem\":16,\"backoffSeconds\":1,"
        + "\"backoffFactor\":2,\"maxLaunchDelaySeconds\":60}");
    List<Integer> delays = new CopyOnWriteArrayList<>();
    await("growing delays").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
      JsonNode q = call("GET", "/v2/queue", null).path("queue").path(0);
      int left = q.path("delay").path("timeLeftSeconds").asInt();
      if (left > 0) {
        delays.add(left);
      }
      return delays.stream().anyMatch(d -> d >= 4);
    });
    assertThat(app("/crash").path("lastTaskFailure").path("state").asText()).isEqualTo("TASK_FAILED");
    call("DELETE", "/v2/apps/crash", null);
  }

  @Test
  @Order(5)
  void uniqueHostnameWithFourInstancesOnThreeAgentsRunsThreeAndQueuesOne() {
    call("POST", "/v2/apps", "{\"id\":\"/u\",\"cmd\":\"sleep 600\",\"cpus\":0.05,\"mem\":16,\"instances\":4,"
        + "\"constraints\":[[\"hostname\",\"UNIQUE\"]]}");
    String[] last = {""};
    try {
      await("3 running, 1 queued with a reason").atMost(WAIT).until(() -> {
        JsonNode q = call("GET", "/v2/queue", null).path("queue");
        JsonNode tasks = call("GET", "/v2/apps/u/tasks", null).path("tasks");
        last[0] = "queue " + q + "\ntasks " + tasks;
        JsonNode entry = q.path(0);
        return app("/u").path("tasksRunning").asInt() == 3 && q.size() == 1 && entry.path("count").asInt() == 1
            && entry.path("processedOffersSummary").toString().contains("UnfulfilledConstraint");
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("last seen: " + last[0], e);
    }
    call("DELETE", "/v2/apps/u", null);
  }

  @Test
  @Order(6)
  void aGroupWithDependenciesStartsInDependencyOrder() {
    call("POST", "/v2/groups", "{\"id\":\"/shop\",\"apps\":[{\"id\":\"web\",\"cmd\":\"sleep 600\",\"cpus\":0.05,\"mem\":16,"
        + "\"dependencies\":[\"/shop/db\"]},{\"id\":\"db\",\"cmd\":\"sleep 600\",\"cpus\":0.05,\"mem\":16}]}");
    await().atMost(WAIT).until(() -> app("/shop/web").path("tasksRunning").asInt() == 1 && noDeployments());
    String dbStarted = call("GET", "/v2/apps/shop/db/tasks", null).path("tasks").path(0).path("startedAt").asText();
    String webStaged = call("GET", "/v2/apps/shop/web/tasks", null).path("tasks").path(0).path("stagedAt").asText();
    assertThat(dbStarted.compareTo(webStaged)).isLessThanOrEqualTo(0);
    call("DELETE", "/v2/groups/shop", null);
  }

  @Test
  @Order(7)
  void aMasterKilledDuringADeploymentResumesIt() throws Exception {
    call("POST", "/v2/apps", "{\"id\":\"/slow\",\"cmd\":\"sleep 10 && cd $MESOS_SANDBOX && exec python3 -m http.server $PORT0\","
        + "\"cpus\":0.05,\"mem\":48,\"instances\":2,\"healthChecks\":[{\"protocol\":\"TCP\",\"gracePeriodSeconds\":60,"
        + "\"intervalSeconds\":1,\"timeoutSeconds\":1}]}");
    await().atMost(WAIT).until(() -> app("/slow").path("tasksRunning").asInt() == 2);
    String deployment = call("GET", "/v2/deployments", null).path(0).path("id").asText();
    assertThat(deployment).isNotEmpty();
    ProcessHandle master = cluster.role("master").orElseThrow();
    master.destroyForcibly();
    master.onExit().get();
    await("the master back with the deployment").atMost(WAIT).ignoreExceptions()
        .until(() -> call("GET", "/v2/deployments", null).toString().contains(deployment) || app("/slow").path("tasksHealthy").asInt() == 2);
    await("deployment finished").atMost(WAIT).ignoreExceptions()
        .until(() -> noDeployments() && app("/slow").path("tasksHealthy").asInt() == 2);
    assertThat(app("/slow").path("instances").asInt()).isEqualTo(2);
  }

  @Test
  @Order(8)
  void fetchedArtifactsLandInTheSandboxAndCommandChecksRunOnTheAgent() throws Exception {
    Path artifact = java.nio.file.Files.writeString(tmp.resolve("hello.txt"), "fetched by the agent\n");
    call("POST", "/v2/apps", "{\"id\":\"/fetched\",\"cmd\":\"cd $MESOS_SANDBOX && exec python3 -m http.server $PORT0\","
        + "\"cpus\":0.05,\"mem\":48,\"fetch\":[{\"uri\":\"file://" + artifact + "\",\"destPath\":\"site/hello.txt\"}],"
        + "\"healthChecks\":[{\"protocol\":\"COMMAND\",\"command\":{\"value\":\"test -f $MESOS_SANDBOX/site/hello.txt\"},"
        + "\"gracePeriodSeconds\":30,\"intervalSeconds\":1,\"timeoutSeconds\":5,\"delaySeconds\":0}]}");
    await("healthy by its agent").atMost(WAIT).until(() -> app("/fetched").path("tasksHealthy").asInt() == 1 && noDeployments());
    JsonNode task = call("GET", "/v2/apps/fetched/tasks", null).path("tasks").path(0);
    String url = "http://" + task.path("host").asText() + ":" + task.path("ports").path(0).asInt() + "/site/hello.txt";
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .until(() -> new String(cluster.http.getBytes(url), StandardCharsets.UTF_8).equals("fetched by the agent\n"));
    call("DELETE", "/v2/apps/fetched", null);
  }

  @Test
  @Order(9)
  void appTasksResolveInDnsAndScalingShowsThereWithinASecond() throws Exception {
    call("POST", "/v2/apps", "{\"id\":\"/shop/web\",\"cmd\":\"sleep 600\",\"cpus\":0.05,\"mem\":16,\"instances\":2,"
        + "\"portDefinitions\":[{\"port\":0,\"name\":\"http\",\"labels\":{\"VIP_0\":\"/shop/web:80\"}}]}");
    awaitRunningThenDns(2);
    List<String> hosts = running("/shop/web").stream().map(t -> t.path("host").asText()).distinct().sorted().toList();
    assertThat(Dig.query(cluster.dnsPort, "web-shop.marathon.mesos")).containsExactlyElementsOf(hosts);
    assertThat(Dig.query(cluster.dnsPort, "web.shop.marathon.mesos")).containsExactlyElementsOf(hosts);
    assertThat(Dig.query(cluster.dnsPort, "web-shop.marathon.autoip.dcos.thisdcos.directory")).containsExactlyElementsOf(hosts);
    assertThat(Dig.srvPorts(Dig.query(cluster.dnsPort, "_http._web-shop._tcp.marathon.mesos", "SRV"))).isEqualTo(ports());
    assertThat(Dig.query(cluster.dnsPort, "shopweb.marathon.l4lb.thisdcos.directory")).singleElement().asString().startsWith("11.");

    call("PUT", "/v2/apps/shop/web", "{\"instances\":3}");
    awaitRunningThenDns(3);
    call("PUT", "/v2/apps/shop/web", "{\"instances\":1}");
    awaitRunningThenDns(1);
    call("DELETE", "/v2/apps/shop/web", null);
    awaitRunningThenDns(0);
  }

  /** Waits until Marathon reports exactly {@code n} running tasks of /shop/web, then gives DNS one second to agree. */
  private static void awaitRunningThenDns(int n) {
    await(n + " running").atMost(WAIT).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
        .until(() -> running("/shop/web").size() == n && call("GET", "/v2/tasks", null).path("tasks").findValuesAsText("appId")
            .stream().filter("/shop/web"::equals).count() == n);
    await("DNS within 1 s: " + n + " SRV records").atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
        .until(() -> Dig.query(cluster.dnsPort, "_web-shop._tcp.marathon.mesos", "SRV").size() == n
            && Dig.srvPorts(Dig.query(cluster.dnsPort, "_web-shop._tcp.marathon.mesos", "SRV")).equals(ports()));
  }

  private static List<JsonNode> running(String app) {
    List<JsonNode> tasks = new ArrayList<>();
    call("GET", "/v2/tasks", null).path("tasks").forEach(t -> {
      if (t.path("appId").asText().equals(app) && t.path("state").asText().equals("TASK_RUNNING")) {
        tasks.add(t);
      }
    });
    return tasks;
  }

  private static java.util.Set<Long> ports() {
    java.util.Set<Long> ports = new java.util.TreeSet<>();
    running("/shop/web").forEach(t -> ports.add(t.path("ports").path(0).asLong()));
    return ports;
  }
}

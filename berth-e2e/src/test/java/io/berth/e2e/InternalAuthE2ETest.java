package io.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.client.ApiException;
import io.berth.common.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth up} (internal authentication is on by default): the master and agent APIs want a token of the cluster too, and the cluster still
 * works — the agent registers and reports with its service account, the master launches and kills on the agent with
 * its own token, and users reach everything with theirs, directly or through the gateways.
 */
class InternalAuthE2ETest {
  @TempDir
  static Path tmp;
  static BerthUp cluster;
  static String token;
  static Map<String, String> auth;

  @BeforeAll
  static void up() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "runc containers need root");
    cluster = new BerthUp(tmp.resolve("cluster"), 1, "runc").start();
    token = cluster.token();
    auth = Map.of("Authorization", "token=" + token);
  }

  @AfterAll
  static void down() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  int status(String method, String url, Object body, Map<String, String> headers) {
    return cluster.plainHttp.exchange(method, url, body, headers, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  JsonNode get(String url) {
    return Json.tree(cluster.plainHttp.send("GET", url, null, auth));
  }

  @Test
  void theInternalApisWantATokenAndTheClusterRunsTasksWithTheComponentsOwn() throws Exception {
    assertThat(cluster.cluster().path("internalAuth").asBoolean()).isTrue();
    Path secret = cluster.dir.resolve("agent-credentials");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
    assertThat(Json.tree(Files.readAllBytes(secret)).path("uid").asText()).isEqualTo("berth-agent");
    // the agent registered with its service account (berth up waited for it with the superuser's token)
    assertThat(cluster.cluster().path("agents")).hasSize(1);

    String master = cluster.masterUrl();
    assertThat(status("GET", master + "/master/state", null, Map.of())).isEqualTo(401);
    assertThat(status("GET", master + "/master/state", null, Map.of("Authorization", "token=forged.token.here"))).isEqualTo(401);
    assertThat(get(master + "/master/state").path("slaves")).hasSize(1);
    assertThat(status("GET", master + "/master/health", null, Map.of())).isEqualTo(200);
    String agentApi = cluster.agentUrl(1) + "/slave(1)/state";
    assertThat(status("GET", agentApi, null, Map.of())).isEqualTo(401);
    assertThat(get(agentApi).path("id").asText()).isNotBlank();

    // the plumbing between masters and agents is for the components' own accounts, not for users
    assertThat(status("POST", master + "/internal/agents/register", Map.of(), auth)).isEqualTo(403);
    assertThat(status("POST", cluster.agentUrl(1) + "/internal/tasks", Map.of(), auth)).isEqualTo(403);

    Map<String, Object> task = Map.of("id", "guarded", "cmd", "sleep 600", "cpus", 0.1, "mem", 32);
    assertThat(status("POST", master + "/berth/v1/tasks", task, Map.of())).isEqualTo(401);
    assertThat(status("GET", master + "/berth/v1/tasks/guarded", null, auth)).isEqualTo(404);
    cluster.plainHttp.send("POST", master + "/berth/v1/tasks", task, auth);
    await("the task to run (master -> agent and agent -> master with the components' tokens)").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> get(master + "/berth/v1/tasks/guarded").path("state").asText().equals("TASK_RUNNING"));
    cluster.plainHttp.send("DELETE", master + "/berth/v1/tasks/guarded", null, auth);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> get(master + "/berth/v1/tasks/guarded").path("state").asText().equals("TASK_KILLED"));
  }

  @Test
  void usersReachTheInternalApisThroughTheGatewaysWithTheirTokens() throws Exception {
    String gateway = "http://127.0.0.1:" + cluster.gatewayPort;
    // over plain HTTP the gateway redirects to HTTPS; the health document and the keys stay on HTTP
    assertThat(status("GET", gateway + "/health", null, Map.of())).isEqualTo(200);
    JsonNode agent = cluster.cluster().path("agents").get(0);
    String agentGateway = agent.path("gateway").asText();
    String id = agent.path("id").asText();
    await("the agent's gateway to know the cluster's key").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> status("GET", agentGateway + "/agent/" + id + "/slave(1)/state", null, auth) == 200);
    assertThat(get(agentGateway + "/agent/" + id + "/slave(1)/state").path("id").asText()).isEqualTo(id);
    assertThat(status("GET", agentGateway + "/agent/" + id + "/slave(1)/state", null, Map.of())).isEqualTo(401);
    try {
      cluster.plainHttp.send("GET", cluster.masterUrl() + "/master/slaves", null);
      throw new AssertionError("the master API answered without a token");
    } catch (ApiException e) {
      assertThat(e.status()).isEqualTo(401);
    }
    assertThat(List.of(status("GET", cluster.masterUrl() + "/v2/apps", null, auth),
        status("GET", cluster.masterUrl() + "/v2/apps", null, Map.of()))).containsExactly(200, 401);
  }
}

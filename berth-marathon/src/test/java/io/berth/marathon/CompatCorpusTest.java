package io.berth.marathon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Marathon compatibility corpus ({@code compat/marathon}, the vendored copy of {@code shared/compat/marathon}; see its README) against the real {@code /v2}
 * API: every file is accepted or rejected as the README says, and {@code GET} returns the canonical form.
 */
class CompatCorpusTest {
  static final Path CORPUS = Path.of(System.getProperty("berth.compat", "../compat/marathon"));
  @TempDir
  static Path dir;
  static MarathonCluster cluster;

  @BeforeAll
  static void start() {
    cluster = MarathonCluster.start(dir, 0);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  static JsonNode file(String name) throws IOException {
    return Json.tree(Files.readAllBytes(CORPUS.resolve(name)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"legacy-examples__PythonSimpleHTTPServer.json", "legacy-examples__labels.json",
      "legacy-examples__bridge.json", "system-tests-apps__ipv6-healthcheck.json",
      "system-tests-apps__external-volume-mesos-app.json", "system-tests-apps__persistent-volume-app.json",
      "system-tests-apps__resident-docker-app.json", "system-tests-apps__fake-framework.json",
      "system-tests-apps__pinger-bridge-app.json", "system-tests-apps__private-ucr-docker-app.json",
      "api-v2-examples__app-check-http-example.json"})
  void appsAreAcceptedAndReadBackCanonical(String name) throws IOException {
    JsonNode app = file(name);
    MarathonCluster.Answer a = cluster.call("POST", "/v2/apps", app);
    assertThat(a.status()).as(a.text()).isEqualTo(201);
    assertThat(a.headers()).containsKey("marathon-deployment-id");
    String id = a.body().path("id").asText();
    assertThat(id).startsWith("/");
    JsonNode got = cluster.get("/v2/apps" + id).path("app");
    assertCanonical(got);
    assertThat(got.path("instances").asInt()).isEqualTo(app.path("instances").asInt(1));
    assertThat(got.path("labels")).isEqualTo(app.has("labels") ? app.get("labels") : Json.tree("{}".getBytes()));
    assertThat(cluster.call("POST", "/v2/apps", app).status()).isEqualTo(409);
    assertThat(cluster.call("DELETE", "/v2/apps" + id, null).status()).isEqualTo(200);
  }

  /** No deprecated field survives, every default is there. */
  static void assertCanonical(JsonNode app) {
    for (String gone : List.of("ports", "uris", "ipAddress")) {
      assertThat(app.has(gone)).as(gone + " in " + app).isFalse();
    }
    assertThat(app.path("container").path("docker").has("network")).isFalse();
    assertThat(app.path("container").path("docker").has("portMappings")).isFalse();
    for (String field : List.of("id", "cpus", "mem", "disk", "gpus", "instances", "backoffSeconds", "backoffFactor",
        "maxLaunchDelaySeconds", "upgradeStrategy", "unreachableStrategy", "killSelection", "requirePorts", "networks",
        "env", "labels", "fetch", "healthChecks", "constraints", "dependencies", "version", "versionInfo",
        "tasksStaged", "tasksRunning", "tasksHealthy", "tasksUnhealthy", "deployments")) {
      assertThat(app.has(field)).as(field + " in " + app).isTrue();
    }
    String mode = app.path("networks").path(0).path("mode").asText();
    if (mode.equals("host")) {
      assertThat(app.path("portDefinitions").isArray()).isTrue();
      app.path("portDefinitions").forEach(p -> assertThat(p.has("port") && p.has("protocol")).isTrue());
    } else {
      assertThat(app.has("portDefinitions")).isFalse();
    }
    app.path("healthChecks").forEach(h -> assertThat(h.has("gracePeriodSeconds") && h.has("intervalSeconds")
        && h.has("maxConsecutiveFailures") && h.has("timeoutSeconds")).isTrue());
  }

  @Test
  void legacyNetworkFieldsAreTranslated() throws IOException {
    JsonNode got = cluster.call("POST", "/v2/apps", file("legacy-examples__bridge.json")).body();
    assertThat(got.path("networks").path(0).path("mode").asText()).isEqualTo("container/bridge");
    assertThat(got.path("container").path("portMappings")).hasSize(2);
    assertThat(got.path("container").path("portMappings").path(0).path("servicePort").asInt()).isEqualTo(9000);
    assertThat(got.path("container").path("portMappings").path(1).path("servicePort").asInt()).isBetween(10000, 19999);
    cluster.call("DELETE", "/v2/apps/bridged-webapp", null);
    JsonNode resident = cluster.call("POST", "/v2/apps", file("system-tests-apps__resident-docker-app.json")).body();
    assertThat(resident.path("networks").path(0).path("name").asText()).isEqualTo("dcos");
    assertThat(resident.path("unreachableStrategy").asText()).isEqualTo("disabled");
    assertThat(resident.path("upgradeStrategy").path("minimumHealthCapacity").asDouble()).isEqualTo(0.5);
    assertThat(resident.path("upgradeStrategy").path("maximumOverCapacity").asDouble()).isEqualTo(0.0);
    cluster.call("DELETE", "/v2/apps/resident-docker-app", null);
    JsonNode python = cluster.call("POST", "/v2/apps", file("legacy-examples__PythonSimpleHTTPServer.json")).body();
    assertThat(python.path("id").asText()).isEqualTo("/http");
    assertThat(python.path("portDefinitions").path(0).path("name").asText()).isEqualTo("default");
    assertThat(python.path("portDefinitions").path(0).path("port").asInt()).isBetween(10000, 19999);
    cluster.call("DELETE", "/v2/apps/http", null);
  }

  @Test
  void kitchenSinkAppIsRejectedWithItsErrors() throws IOException {
    MarathonCluster.Answer a = cluster.call("POST", "/v2/apps", file("api-v2-examples__app.json"));
    assertThat(a.status()).isEqualTo(422);
    assertThat(a.body().path("message").asText()).isEqualTo("Object is not valid");
    String details = a.body().path("details").toString();
    assertThat(details).contains("AppDefinition must either contain one of 'cmd' or 'args'");
    assertThat(a.body().path("details").path(0).has("path")).isTrue();
    assertThat(cluster.call("GET", "/v2/apps/foo", null).status()).isEqualTo(404);
    // without ipAddress and args the same file is a valid app
    com.fasterxml.jackson.databind.node.ObjectNode fixed = (com.fasterxml.jackson.databind.node.ObjectNode) file("api-v2-examples__app.json");
    fixed.remove(List.of("args"));
    MarathonCluster.Answer b = cluster.call("POST", "/v2/apps", fixed);
    assertThat(b.status()).isEqualTo(422);
    assertThat(b.text()).contains("cannot specify both an IP address and port");
  }

  @Test
  void groupsAndMultiAppBodiesAreAccepted() throws IOException {
    assertThat(cluster.call("POST", "/v2/groups", file("legacy-examples__Group-1.json")).status()).isEqualTo(201);
    assertThat(cluster.call("POST", "/v2/groups", file("legacy-examples__Group-2.json")).status()).isEqualTo(201);
    assertThat(cluster.call("PUT", "/v2/apps", file("api-v2-examples__apps_create.json")).status()).isEqualTo(200);
    JsonNode dept = cluster.get("/v2/groups/department-1");
    assertThat(dept.path("groups")).hasSize(2);
    assertThat(cluster.get("/v2/apps/test/sleep60").path("app").path("dependencies").toString()).contains("/test/sleep120");
    MarathonCluster.Answer put = cluster.call("PUT", "/v2/groups?force=true", file("api-v2-examples__group.json"));
    assertThat(put.status()).as(put.text()).isEqualTo(200);
    assertThat(cluster.call("DELETE", "/v2/groups?force=true", null).status()).isEqualTo(200);
  }

  @Test
  void responsesHaveTheFieldsOfTheSamples() throws IOException {
    // More cpus than any agent has: the instance stays queued, so the queue's shape can be read without a race.
    cluster.call("POST", "/v2/apps", Json.tree("{\"id\":\"/sample\",\"cmd\":\"sleep 100\",\"cpus\":64,\"instances\":1}".getBytes()));
    JsonNode deployments = cluster.get("/v2/deployments");
    assertThat(deployments.isArray()).isTrue();
    JsonNode sample = file("api-v2-examples__deployments.json").get(0);
    if (!deployments.isEmpty()) {
      assertThat(fieldNames(deployments.get(0))).containsAll(fieldNames(sample));
      assertThat(deployments.get(0).path("steps").path(0).path("actions").path(0).has("action")).isTrue();
      assertThat(deployments.get(0).path("steps").path(0).path("actions").path(0).has("type")).isTrue();
    }
    // the queue is the scheduler's view, refreshed on its next pass after the app was stored
    JsonNode item = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> cluster.get("/v2/queue").path("queue").path(0), q -> !q.isMissingNode());
    assertThat(fieldNames(item)).contains("app", "count", "delay", "since", "processedOffersSummary");
    assertThat(fieldNames(item.path("delay"))).containsAll(fieldNames(file("api-v2-examples__queue.json").path("queue").path(0).path("delay")));
    cluster.call("DELETE", "/v2/apps/sample?force=true", null);
  }

  @Test
  void podsAreAcceptedStoredAndDeleted() throws IOException {
    MarathonCluster.Answer a = cluster.call("POST", "/v2/pods", file("api-v2-examples__pod.json"));
    assertThat(a.status()).as(a.text()).isEqualTo(201);
    assertThat(cluster.get("/v2/pods/foo").path("containers").path(0).path("name").asText()).isEqualTo("container1");
    assertThat(cluster.get("/v2/pods/foo::status").path("spec").path("id").asText()).isEqualTo("/foo");
    assertThat(cluster.get("/v2/pods")).hasSize(1);
    assertThat(cluster.call("POST", "/v2/pods", file("api-v2-examples__pod.json")).status()).isEqualTo(409);
    MarathonCluster.Answer bad = cluster.call("POST", "/v2/pods", Json.tree("{\"id\":\"/p\",\"containers\":[{\"name\":\"Bad_Name\"}]}".getBytes()));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body().path("details").path(0).path("path").asText()).isEqualTo("/containers(0)/name");
    assertThat(cluster.call("DELETE", "/v2/pods/foo?force=true", null).status()).isEqualTo(202);
    assertThat(cluster.call("GET", "/v2/pods/foo", null).status()).isEqualTo(404);
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}

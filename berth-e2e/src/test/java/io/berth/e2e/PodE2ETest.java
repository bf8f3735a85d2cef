package io.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.client.ApiException;
import io.berth.common.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Marathon pods on {@code berth up --agents 2} with real runc: two containers of one instance share an ephemeral
 * volume (one writes a page into it, the other serves it on its endpoint's host port), kills are replaced, scaling
 * works, and deleting the pod leaves no container behind.
 */
class PodE2ETest {
  static final Duration WAIT = Duration.ofSeconds(90);
  @TempDir
  static Path tmp;
  static BerthUp cluster;
  static String marathon;

  static final String POD = """
      {"id": "/site", "scaling": {"kind": "fixed", "instances": 1},
       "volumes": [{"name": "pages"}],
       "containers": [
         {"name": "writer", "resources": {"cpus": 0.1, "mem": 32},
          "exec": {"command": {"shell": "echo \\"hello from $MESOS_EXECUTOR_ID\\" > pages/index.html && exec sleep 100000"}},
          "volumeMounts": [{"name": "pages", "mountPath": "pages"}]},
         {"name": "web", "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "cd /mnt/pages && exec python3 -m http.server $ENDPOINT_WEB"}},
          "endpoints": [{"name": "web", "hostPort": 0}],
          "volumeMounts": [{"name": "pages", "mountPath": "/mnt/pages", "readOnly": true}]}]}
      """;

  @BeforeAll
  static void up() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "runc containers need root");
    cluster = new BerthUp(tmp.resolve("cluster"), 2, "runc").start();
    marathon = cluster.cluster().path("direct").path("marathon").asText();
  }

  @AfterAll
  static void down() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  static JsonNode call(String method, String path, String body) {
    return Json.tree(cluster.http.send(method, marathon + path, body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
  }

  static JsonNode status() {
    return call("GET", "/v2/pods/site::status", null);
  }

  static List<JsonNode> stable() {
    List<JsonNode> out = new ArrayList<>();
    status().path("instances").forEach(i -> {
      if (i.path("status").asText().equals("STABLE")) {
        out.add(i);
      }
    });
    return out;
  }

  /** The conmon monitors of the cluster's containers (one per running container; not the agents' spare ones). */
  static List<String> monitors() {
    return cluster.containerMonitors();
  }

  /** GET of an instance's page on its agent's address and the web endpoint's host port; null when nothing answers. */
  static String page(JsonNode instance) {
    String ip = instance.path("networks").get(0).path("addresses").get(0).asText();
    int port = instance.path("containers").findValue("allocatedHostPort").asInt();
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":" + port + "/index.html"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (Exception e) {
      return null;
    }
  }

  @Test
  void aPodSharesItsVolumeIsReplacedScalesAndLeavesNothingBehind() {
    call("POST", "/v2/pods", POD);
    await("pod STABLE").atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> status().path("status").asText().equals("STABLE"));
    JsonNode first = stable().getFirst();
    String firstId = first.path("id").asText();
    await("the page written by one container, served by the other").atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> ("hello from " + firstId + "\n").equals(page(first)));

    // the agent shows the group as one executor with both tasks; its volume is a directory of the executor sandbox
    String ip = first.path("networks").get(0).path("addresses").get(0).asText();
    JsonNode executor = cluster.executor(Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1)) - 1, firstId);
    assertThat(executor.path("tasks")).hasSize(2);
    String page = new String(cluster.http.getBytes("http://" + ip + ":" + cluster.agentPort + "/files/download?path="
        + executor.path("directory").asText() + "/volumes/pages/index.html"), StandardCharsets.UTF_8);
    assertThat(page).isEqualTo("hello from " + firstId + "\n");

    JsonNode killed = call("DELETE", "/v2/pods/site::instances/" + firstId, null);
    assertThat(killed.path("id").asText()).isEqualTo(firstId);
    await("a replacement instance serving its page").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
      List<JsonNode> now = stable();
      return now.size() == 1 && !now.getFirst().path("id").asText().equals(firstId)
          && ("hello from " + now.getFirst().path("id").asText() + "\n").equals(page(now.getFirst()));
    });

    call("PUT", "/v2/pods/site", POD.replace("\"instances\": 1", "\"instances\": 2"));
    await("two instances serving").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
      List<JsonNode> now = stable();
      return now.size() == 2 && now.stream().allMatch(i -> ("hello from " + i.path("id").asText() + "\n").equals(page(i)));
    });
    assertThat(call("GET", "/v2/deployments", null)).isEmpty();
    await("one monitored runc container per container of each instance").atMost(WAIT)
        .until(() -> monitors().size() == 4);

    call("DELETE", "/v2/pods/site", null);
    try {
      await("every container gone").atMost(WAIT).pollInterval(Duration.ofMillis(200))
          .until(() -> monitors().isEmpty() && call("GET", "/v2/deployments", null).isEmpty());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("left: " + monitors() + "; deployments: " + call("GET", "/v2/deployments", null)
          + "; status: " + call("GET", "/v2/pods/::status", null), e);
    }
    try {
      status();
      throw new AssertionError("the pod still has a status");
    } catch (ApiException e) {
      assertThat(e.getMessage()).contains("Pod '/site' does not exist");
    }
  }
}

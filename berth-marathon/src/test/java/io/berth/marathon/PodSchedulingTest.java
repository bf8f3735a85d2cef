package io.berth.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.ExitStatus;
import io.berth.agent.runtime.FakeRuntime;
import io.berth.common.json.Json;
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

/** Pods on a real master with agents on FakeRuntime: task groups, status, instance kills, scaling, upgrades. */
class PodSchedulingTest {
  static final Duration WAIT = Duration.ofSeconds(40);
  @TempDir
  Path dir;
  MarathonCluster cluster;
  final List<String> events = new CopyOnWriteArrayList<>();

  static final String POD = """
      {"id": "/shop/web", "scaling": {"kind": "fixed", "instances": 1},
       "environment": {"SHARED": "yes"},
       "volumes": [{"name": "site"}],
       "containers": [
         {"name": "writer", "exec": {"command": {"shell": "echo hi > site/index.html; sleep 1000"}},
          "resources": {"cpus": 0.1, "mem": 16}, "volumeMounts": [{"name": "site", "mountPath": "site"}]},
         {"name": "web", "exec": {"command": {"shell": "python3 -m http.server $ENDPOINT_WEB"}},
          "resources": {"cpus": 0.2, "mem": 32}, "environment": {"OWN": "1"},
          "endpoints": [{"name": "web", "hostPort": 0}],
          "volumeMounts": [{"name": "site", "mountPath": "site", "readOnly": true}]}]}
      """;

  @BeforeEach
  void start() {
    cluster = MarathonCluster.start(dir, 2);
    cluster.marathon.events().listen(e -> events.add(e.eventType() + " " + e.payload().path("instanceId").asText("")));
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  static JsonNode json(String text) {
    return Json.tree(text.getBytes());
  }

  private JsonNode status() {
    return cluster.get("/v2/pods/shop/web::status");
  }

  private List<String> stableInstances() {
    List<String> ids = new ArrayList<>();
    status().path("instances").forEach(i -> {
      if (i.path("status").asText().equals("STABLE")) {
        ids.add(i.path("id").asText());
      }
    });
    return ids;
  }

  private void awaitStable(int n) {
    await("pod stable with " + n).atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
      JsonNode s = status();
      return s.path("status").asText().equals("STABLE") && s.path("instances").size() == n && cluster.noDeployments();
    });
  }

  @Test
  void aPodRunsAsOneTaskGroupAndShowsItsStatus() {
    MarathonCluster.Answer created = cluster.call("POST", "/v2/pods", json(POD));
    assertThat(created.status()).isEqualTo(201);
    awaitStable(1);

    JsonNode instance = status().path("instances").get(0);
    String instanceId = instance.path("id").asText();
    assertThat(instanceId).matches("shop_web\\.instance-.+");
    assertThat(instance.path("agentHostname").asText()).startsWith("agent-");
    assertThat(instance.path("resources").path("cpus").asDouble()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(instance.path("resources").path("mem").asDouble()).isEqualTo(16 + 32 + 32);
    assertThat(instance.path("specReference").asText()).startsWith("/v2/pods/shop/web::versions/");
    JsonNode containers = instance.path("containers");
    assertThat(containers).hasSize(2);
    assertThat(containers.get(0).path("containerId").asText()).isEqualTo(instanceId + ".writer");
    assertThat(containers.get(1).path("status").asText()).isEqualTo("TASK_RUNNING");
    int port = containers.get(1).path("endpoints").get(0).path("allocatedHostPort").asInt();
    assertThat(port).isPositive();

    ContainerSpec web = cluster.specOf(instanceId + ".web");
    ContainerSpec writer = cluster.specOf(instanceId + ".writer");
    assertThat(web.env()).containsEntry("ENDPOINT_WEB", Integer.toString(port)).containsEntry("PORT_WEB", Integer.toString(port))
        .containsEntry("SHARED", "yes").containsEntry("OWN", "1").containsEntry("MESOS_EXECUTOR_ID", instanceId)
        .containsEntry("MARATHON_APP_ID", "/shop/web");
    assertThat(writer.env()).containsEntry("ENDPOINT_WEB", Integer.toString(port)).doesNotContainKey("OWN");
    assertThat(web.mounts()).singleElement().satisfies(m -> {
      assertThat(m.hostPath()).isEqualTo(writer.mounts().getFirst().hostPath());
      assertThat(m.readOnly()).isTrue();
      assertThat(m.hostPath().toString()).endsWith("/executors/" + instanceId + "/runs/"
          + m.hostPath().getParent().getParent().getFileName() + "/volumes/site");
    });
    assertThat(cluster.get("/v2/tasks").path("tasks")).as("pod tasks are not app tasks").isEmpty();
    assertThat(events).contains("instance_changed_event " + instanceId);
  }

  @Test
  void killedInstancesAreReplacedScalingWorksAndDeleteStopsEverything() {
    cluster.call("POST", "/v2/pods", json(POD));
    awaitStable(1);
    String first = stableInstances().getFirst();

    MarathonCluster.Answer killed = cluster.call("DELETE", "/v2/pods/shop/web::instances/" + first, null);
    assertThat(killed.status()).isEqualTo(200);
    assertThat(killed.body().path("id").asText()).isEqualTo(first);
    await("replacement").atMost(WAIT).until(() -> {
      List<String> stable = stableInstances();
      return stable.size() == 1 && !stable.contains(first);
    });

    JsonNode scaled = json(POD.replace("\"instances\": 1", "\"instances\": 3"));
    assertThat(cluster.call("PUT", "/v2/pods/shop/web", scaled).status()).isEqualTo(200);
    awaitStable(3);
    List<String> three = stableInstances();

    // a failed container ends its whole instance (the agent kills its sibling), and the instance is replaced
    String victim = three.get(1);
    FakeRuntime runtime = cluster.runtimes.stream().filter(r -> r.specOfTask(victim + ".writer").isPresent())
        .findFirst().orElseThrow();
    runtime.exit(runtime.specOfTask(victim + ".writer").orElseThrow().id(), ExitStatus.exited(2));
    await("failed instance replaced").atMost(WAIT).until(() -> {
      List<String> stable = stableInstances();
      return stable.size() == 3 && !stable.contains(victim);
    });
    assertThat(runtime.signals(runtime.specOfTask(victim + ".web").orElseThrow().id())).contains(15);

    MarathonCluster.Answer bulk = cluster.call("DELETE", "/v2/pods/shop/web::instances", json(
        Json.writeString(stableInstances().subList(0, 2))));
    assertThat(bulk.status()).isEqualTo(200);
    assertThat(bulk.body()).hasSize(2);
    awaitStable(3);

    assertThat(cluster.call("DELETE", "/v2/pods/shop/web", null).status()).isEqualTo(202);
    await("every container gone").atMost(WAIT).until(() -> cluster.noDeployments()
        && cluster.runtimes.stream().allMatch(r -> r.list().isEmpty()));
    assertThat(cluster.call("GET", "/v2/pods/shop/web::status", null).status()).isEqualTo(404);
  }

  @Test
  void aConfigChangeIsARollingUpgradeAndDeploymentsShowThePod() {
    cluster.call("POST", "/v2/pods", json(POD.replace("\"instances\": 1", "\"instances\": 2")));
    awaitStable(2);
    List<String> before = stableInstances();

    JsonNode changed = json(POD.replace("\"instances\": 1", "\"instances\": 2").replace("\"SHARED\": \"yes\"", "\"SHARED\": \"no\""));
    cluster.runtimes.forEach(r -> r.pauseStarts(true)); // the deployment waits for the new containers
    assertThat(cluster.call("PUT", "/v2/pods/shop/web", changed).status()).isEqualTo(200);
    JsonNode deployments = cluster.get("/v2/deployments");
    assertThat(deployments).hasSize(1);
    assertThat(deployments.get(0).path("affectedPods").get(0).asText()).isEqualTo("/shop/web");
    JsonNode action = deployments.get(0).path("steps").get(0).path("actions").get(0);
    assertThat(action.path("action").asText()).isEqualTo("RestartPod");
    assertThat(action.path("pod").asText()).isEqualTo("/shop/web");
    MarathonCluster.Answer locked = cluster.call("PUT", "/v2/pods/shop/web", json(POD));
    assertThat(locked.status()).as("a running deployment locks the pod").isEqualTo(409);
    assertThat(stableInstances()).as("minimumHealthCapacity 1 keeps both old instances").containsAll(before);
    cluster.runtimes.forEach(r -> r.pauseStarts(false));
    await("upgraded").atMost(WAIT).until(() -> {
      List<String> now = stableInstances();
      return now.size() == 2 && now.stream().noneMatch(before::contains) && cluster.noDeployments();
    });
    for (String id : stableInstances()) {
      assertThat(cluster.specOf(id + ".web").env()).containsEntry("SHARED", "no");
    }
  }

  @Test
  void aMasterRestartKeepsThePodsInstancesAndAPodThatDoesNotFitWaitsInTheQueue() {
    cluster.call("POST", "/v2/pods", json(POD));
    awaitStable(1);
    String instance = stableInstances().getFirst();

    cluster.restartMaster();
    awaitStable(1);
    assertThat(stableInstances()).containsExactly(instance);

    cluster.call("POST", "/v2/pods", json(POD.replace("/shop/web", "/huge").replace("\"cpus\": 0.2", "\"cpus\": 64")));
    await("the pod waits in the queue").atMost(WAIT).until(() -> {
      JsonNode queue = cluster.get("/v2/queue").path("queue");
      return queue.size() == 1 && queue.get(0).path("pod").path("id").asText().equals("/huge")
          && queue.get(0).path("count").asInt() == 1;
    });
    assertThat(cluster.get("/v2/pods/huge::status").path("status").asText()).isEqualTo("DEGRADED");
    assertThat(cluster.get("/v2/deployments").get(0).path("affectedPods").get(0).asText()).isEqualTo("/huge");
  }

  @Test
  void containerHealthChecksGateStabilityAndAnUnhealthyInstanceIsReplaced() throws Exception {
    Path flag = java.nio.file.Files.writeString(dir.resolve("healthy"), "yes");
    String checked = POD.replace("\"environment\": {\"OWN\": \"1\"},", "\"environment\": {\"OWN\": \"1\"}, "
        + "\"healthCheck\": {\"exec\": {\"command\": {\"shell\": \"test -f " + flag + "\"}}, \"gracePeriodSeconds\": 0, "
        + "\"intervalSeconds\": 1, \"timeoutSeconds\": 5, \"delaySeconds\": 0, \"maxConsecutiveFailures\": 2},");
    assertThat(cluster.call("POST", "/v2/pods", json(checked)).status()).isEqualTo(201);
    awaitStable(1);
    JsonNode web = status().path("instances").get(0).path("containers").get(1);
    assertThat(web.path("conditions").get(0).path("name").asText()).isEqualTo("healthy");
    assertThat(web.path("conditions").get(0).path("value").asText()).isEqualTo("true");
    String first = stableInstances().getFirst();

    java.nio.file.Files.delete(flag);
    await("unhealthy instance killed and replaced").atMost(WAIT).until(() -> {
      JsonNode instances = status().path("instances"); // one answer per poll: the instance may be gone in between
      return instances.size() == 1 && !instances.get(0).path("id").asText().equals(first);
    });
    assertThat(status().path("status").asText()).as("its replacement is never healthy").isEqualTo("DEGRADED");
  }

  @Test
  void rollingBackAPodDeploymentRestoresTheDefinitionAndKeepsTheOldInstances() {
    cluster.call("POST", "/v2/pods", json(POD));
    awaitStable(1);
    List<String> before = stableInstances();
    cluster.runtimes.forEach(r -> r.pauseStarts(true));
    cluster.call("PUT", "/v2/pods/shop/web", json(POD.replace("\"SHARED\": \"yes\"", "\"SHARED\": \"no\"")));
    String upgrade = cluster.get("/v2/deployments").get(0).path("id").asText();

    MarathonCluster.Answer rollback = cluster.call("DELETE", "/v2/deployments/" + upgrade, null);
    assertThat(rollback.status()).isEqualTo(200);
    assertThat(rollback.body().path("deploymentId").asText()).isNotEqualTo(upgrade);
    cluster.runtimes.forEach(r -> r.pauseStarts(false));

    awaitStable(1);
    assertThat(stableInstances()).isEqualTo(before);
    assertThat(cluster.get("/v2/pods/shop/web").path("environment").path("SHARED").asText()).isEqualTo("yes");
  }

  @Test
  void everyChangeOfAPodIsAStoredVersionThatCanBeRead() {
    String scaledToZero = POD.replace("\"instances\": 1", "\"instances\": 0");
    assertThat(cluster.call("POST", "/v2/pods", json(scaledToZero)).status()).isEqualTo(201);
    String first = cluster.get("/v2/pods/shop/web").path("version").asText();
    // versions are the times of the changes, in milliseconds
    await().atMost(Duration.ofSeconds(1)).until(() -> java.time.Instant.now().isAfter(java.time.Instant.parse(first)));
    assertThat(cluster.call("PUT", "/v2/pods/shop/web", json(scaledToZero.replace("\"yes\"", "\"no\""))).status())
        .isEqualTo(200);
    String second = cluster.get("/v2/pods/shop/web").path("version").asText();
    assertThat(second).isNotEqualTo(first);

    JsonNode versions = cluster.get("/v2/pods/shop/web::versions");
    assertThat(versions).hasSize(2);
    assertThat(versions.get(0).asText()).isEqualTo(second);
    assertThat(versions.get(1).asText()).isEqualTo(first);
    assertThat(cluster.get("/v2/pods/shop/web/::versions/" + first).path("environment").path("SHARED").asText())
        .isEqualTo("yes");
    assertThat(cluster.get("/v2/pods/shop/web::versions/" + second).path("environment").path("SHARED").asText())
        .isEqualTo("no");

    MarathonCluster.Answer unknownVersion = cluster.call("GET", "/v2/pods/shop/web::versions/2001-01-01T00:00:00.000Z", null);
    assertThat(unknownVersion.status()).isEqualTo(404);
    assertThat(unknownVersion.body().path("message").asText()).contains("does not exist in version");
    assertThat(cluster.call("GET", "/v2/pods/nope::versions", null).status()).isEqualTo(404);
    assertThat(cluster.call("POST", "/v2/pods/shop/web::versions", json("{}")).status()).isEqualTo(405);
    assertThat(cluster.call("DELETE", "/v2/pods/shop/web?force=true", null).status()).isEqualTo(202);
    assertThat(cluster.master.publisher().current().apps().appVersions()).doesNotContainKey("/shop/web");
  }

  @Test
  void badInputAtEveryPodEndpointIsRefusedInMarathonsFormat() {
    assertThat(cluster.call("GET", "/v2/pods/nope::status", null).body().path("message").asText())
        .isEqualTo("Pod '/nope' does not exist");
    assertThat(cluster.call("DELETE", "/v2/pods/nope::instances/x", null).status()).isEqualTo(404);
    MarathonCluster.Answer unknownNetwork = cluster.call("POST", "/v2/pods", json(POD.replace("\"scaling\"",
        "\"networks\": [{\"mode\": \"overlay\"}], \"scaling\"")));
    assertThat(unknownNetwork.status()).isEqualTo(422);
    assertThat(unknownNetwork.body().path("details").get(0).path("path").asText()).isEqualTo("/networks(0)/mode");
    assertThat(unknownNetwork.body().path("details").get(0).path("errors").get(0).asText())
        .contains("unknown network mode 'overlay'");
    MarathonCluster.Answer undeclared = cluster.call("POST", "/v2/pods", json(POD.replace("\"volumes\": [{\"name\": \"site\"}],", "")));
    assertThat(undeclared.status()).isEqualTo(422);
    assertThat(undeclared.body().toString()).contains("is not declared in volumes");
    MarathonCluster.Answer imageOnly = cluster.call("POST", "/v2/pods", json("""
        {"id": "/img", "containers": [{"name": "c", "resources": {"cpus": 0.1, "mem": 16},
         "image": {"kind": "DOCKER", "id": "nginx"}}]}"""));
    assertThat(imageOnly.status()).isEqualTo(422);
    assertThat(cluster.master.publisher().current().apps().pods()).isEmpty();

    cluster.call("POST", "/v2/pods", json(POD));
    awaitStable(1);
    MarathonCluster.Answer unknown = cluster.call("DELETE", "/v2/pods/shop/web::instances/shop_web.instance-nope", null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().path("message").asText()).contains("shop_web.instance-nope");
    MarathonCluster.Answer notAList = cluster.call("DELETE", "/v2/pods/shop/web::instances", json("{\"a\": 1}"));
    assertThat(notAList.status()).isEqualTo(422);
    MarathonCluster.Answer mixed = cluster.call("DELETE", "/v2/pods/shop/web::instances",
        json("[\"" + stableInstances().getFirst() + "\", \"shop_web.instance-nope\"]"));
    assertThat(mixed.status()).as("nothing is killed when one id is unknown").isEqualTo(404);
    assertThat(cluster.call("GET", "/v2/pods/shop/web::instances", null).status()).isEqualTo(405);
    assertThat(stableInstances()).hasSize(1);
    assertThat(cluster.runtimes.stream().mapToLong(r -> r.list().size()).sum()).isEqualTo(2);
  }
}

package io.berth.marathon;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint's bad input answers in Marathon's error format and changes nothing; misc endpoints. */
class MarathonApiTest {
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

  static JsonNode json(String text) {
    return Json.tree(text.getBytes());
  }

  int apps() {
    return cluster.get("/v2/apps").path("apps").size();
  }

  @Test
  void brokenJsonIs400WithStringDetails() {
    int before = apps();
    MarathonCluster.Answer a = cluster.call("POST", "/v2/apps", "{\"id\": \"x\", ");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.body().path("message").asText()).isEqualTo("Invalid JSON");
    assertThat(a.body().path("details").isTextual()).isTrue();
    assertThat(cluster.call("PUT", "/v2/apps/x", "nope").status()).isEqualTo(400);
    assertThat(cluster.call("POST", "/v2/groups", "[").status()).isEqualTo(400);
    assertThat(cluster.call("POST", "/v2/tasks/delete", "{").status()).isEqualTo(400);
    assertThat(apps()).isEqualTo(before);
  }

  @Test
  void wrongTypesAre422WithPaths() {
    MarathonCluster.Answer a = cluster.call("POST", "/v2/apps", json("{\"id\":5,\"cmd\":\"x\",\"instances\":\"three\",\"healthChecks\":[{\"portIndex\":\"a\"}]}"));
    assertThat(a.status()).isEqualTo(422);
    assertThat(a.body().path("message").asText()).isEqualTo("Invalid JSON");
    assertThat(a.body().path("details").toString()).contains("\"/id\"", "error.expected.jsstring", "\"/instances\"",
        "/healthChecks(0)/portIndex");
  }

  @Test
  void semanticErrorsAre422WithAllProblems() {
    MarathonCluster.Answer a = cluster.call("POST", "/v2/apps", json("{\"id\":\"/Bad_Id\",\"cmd\":\"x\",\"args\":[\"y\"],"
        + "\"cpus\":-1,\"upgradeStrategy\":{\"minimumHealthCapacity\":1.5},\"constraints\":[[\"hostname\",\"UNIQUE\",\"x\"]],"
        + "\"healthChecks\":[{\"protocol\":\"HTTP\",\"portIndex\":4}],\"env\":{\"P\":{\"secret\":\"nope\"}}}"));
    assertThat(a.status()).isEqualTo(422);
    assertThat(a.body().path("message").asText()).isEqualTo("Object is not valid");
    String details = a.body().path("details").toString();
    assertThat(details).contains("\"/id\"", "AppDefinition must either contain one of 'cmd' or 'args'", "\"/cpus\"",
        "is greater than 1", "UNIQUE does not accept a value", "Health check port indices", "references an undefined secret");
    assertThat(cluster.call("POST", "/v2/apps", json("{\"id\":\"/tasks\",\"cmd\":\"x\"}")).status()).isEqualTo(422);
    assertThat(cluster.call("POST", "/v2/apps", json("{\"id\":\"/a/restart\",\"cmd\":\"x\"}")).status()).isEqualTo(422);
  }

  @Test
  void formContentTypeIs415() throws Exception {
    HttpResponse<String> a = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cluster.url() + "/v2/apps"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"f\",\"cmd\":\"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(a.statusCode()).isEqualTo(415);
    assertThat(Json.tree(a.body().getBytes()).path("message").asText()).contains("Unsupported Media Type");
    assertThat(cluster.call("GET", "/v2/apps/f", null).status()).isEqualTo(404);
  }

  @Test
  void unknownThingsAre404InMarathonsWords() {
    assertThat(cluster.call("GET", "/v2/apps/nope", null).body().path("message").asText()).isEqualTo("App '/nope' does not exist");
    assertThat(cluster.call("DELETE", "/v2/apps/nope", null).status()).isEqualTo(404);
    assertThat(cluster.call("PATCH", "/v2/apps/nope", json("{\"instances\":2}")).status()).isEqualTo(404);
    assertThat(cluster.call("GET", "/v2/groups/nope", null).body().path("message").asText()).isEqualTo("Group '/nope' does not exist");
    assertThat(cluster.call("DELETE", "/v2/deployments/nope", null).body().path("message").asText())
        .isEqualTo("DeploymentPlan nope does not exist");
    assertThat(cluster.call("DELETE", "/v2/queue/nope/delay", null).body().path("message").asText())
        .isEqualTo("Application /nope not found in tasks queue.");
    assertThat(cluster.call("GET", "/v2/apps/nope/versions", null).status()).isEqualTo(404);
  }

  @Test
  void lockedAppsAre409WithTheirDeploymentsAndForceOverrides() {
    MarathonCluster.Answer created = cluster.call("POST", "/v2/apps", json("{\"id\":\"/locked\",\"cmd\":\"sleep 1\",\"cpus\":0.1,\"mem\":16}"));
    assertThat(created.status()).isEqualTo(201);
    String deployment = created.body().path("deployments").path(0).path("id").asText();
    MarathonCluster.Answer dup = cluster.call("POST", "/v2/apps", json("{\"id\":\"/locked\",\"cmd\":\"sleep 1\"}"));
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.body().has("deployments")).isFalse();
    MarathonCluster.Answer locked = cluster.call("PUT", "/v2/apps/locked", json("{\"cmd\":\"sleep 2\"}"));
    assertThat(locked.status()).isEqualTo(409);
    assertThat(locked.body().path("deployments").path(0).path("id").asText()).isEqualTo(deployment);
    assertThat(cluster.get("/v2/apps/locked").path("app").path("cmd").asText()).isEqualTo("sleep 1");
    List<String> failed = new CopyOnWriteArrayList<>();
    cluster.marathon.events().listen(e -> {
      switch (e.eventType()) {
        case "deployment_failed" -> failed.add(e.eventType() + " " + e.payload().path("id").asText());
        case "deployment_step_failure" -> failed.add(e.eventType() + " " + e.payload().path("plan").path("id").asText());
        case "group_change_failed" -> failed.add(e.eventType() + " " + e.payload().path("groupId").asText());
        default -> { }
      }
    });
    MarathonCluster.Answer forced = cluster.call("PUT", "/v2/apps/locked?force=true", json("{\"cmd\":\"sleep 2\"}"));
    assertThat(forced.status()).isEqualTo(200);
    assertThat(failed).containsExactly("deployment_step_failure " + deployment, "deployment_failed " + deployment,
        "group_change_failed /");
    assertThat(cluster.get("/v2/deployments")).hasSize(1);
    assertThat(forced.headers()).containsKey("marathon-deployment-id");
    assertThat(cluster.get("/v2/apps/locked").path("app").path("cmd").asText()).isEqualTo("sleep 2");
    assertThat(cluster.get("/v2/apps/locked/versions").path("versions")).hasSize(2);
    String first = cluster.get("/v2/apps/locked/versions").path("versions").path(1).asText();
    assertThat(cluster.call("PUT", "/v2/apps/locked?force=true", json("{\"version\":\"" + first + "\",\"cmd\":\"x\"}")).status())
        .isEqualTo(422);
    assertThat(cluster.call("PUT", "/v2/apps/locked?force=true", json("{\"version\":\"" + first + "\"}")).status()).isEqualTo(200);
    assertThat(cluster.get("/v2/apps/locked").path("app").path("cmd").asText()).isEqualTo("sleep 1");
    String current = cluster.get("/v2/deployments").path(0).path("id").asText();
    MarathonCluster.Answer rollback = cluster.call("DELETE", "/v2/deployments/" + current, null);
    assertThat(rollback.status()).isEqualTo(200);
    assertThat(rollback.body().path("deploymentId").asText()).isNotEqualTo(current);
    assertThat(cluster.call("DELETE", "/v2/deployments/" + rollback.body().path("deploymentId").asText() + "?force=true", null)
        .status()).isEqualTo(202);
    assertThat(cluster.call("DELETE", "/v2/apps/locked", null).status()).isEqualTo(200);
  }

  @Test
  void tasksEndpointsRejectBadQueries() throws Exception {
    assertThat(cluster.call("POST", "/v2/tasks/delete?scale=true&wipe=true", json("{\"ids\":[]}")).body().path("message").asText())
        .isEqualTo("You cannot use scale and wipe at the same time.");
    assertThat(cluster.call("POST", "/v2/tasks/delete", json("{\"ids\":[\"nodots\"]}")).status()).isEqualTo(400);
    assertThat(cluster.call("POST", "/v2/tasks/delete", json("{\"ids\":\"x\"}")).status()).isEqualTo(422);
    assertThat(cluster.call("POST", "/v2/tasks/delete", json("{\"ids\":[\"app.instance-1._app.1\"]}")).status()).isEqualTo(200);
    assertThat(cluster.call("GET", "/v2/apps?label=a=?b", null).status()).isEqualTo(400);
    HttpResponse<String> text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cluster.url() + "/v2/tasks"))
        .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(text.statusCode()).isEqualTo(406);
  }

  @Test
  void groupsRejectBadBodies() {
    assertThat(cluster.call("PUT", "/v2/groups/g", json("{\"scaleBy\":2,\"id\":\"/g\"}")).body().toString())
        .contains("not allowed in conjunction with other properties.");
    MarathonCluster.Answer notChild = cluster.call("POST", "/v2/groups", json("{\"id\":\"/g\",\"apps\":[{\"id\":\"/app\",\"cmd\":\"x\"}]}"));
    assertThat(notChild.status()).isEqualTo(422);
    assertThat(notChild.body().path("details").path(0).path("path").asText()).isEqualTo("/apps(0)/id");
    assertThat(cluster.call("GET", "/v2/groups/g", null).status()).isEqualTo(404);
    assertThat(cluster.call("POST", "/v2/groups", json("{\"id\":\"/g2\"}")).status()).isEqualTo(201);
    assertThat(cluster.call("POST", "/v2/groups", json("{\"id\":\"/g2\"}")).status()).isEqualTo(409);
    assertThat(cluster.call("POST", "/v2/apps", json("{\"id\":\"/g2\",\"cmd\":\"x\"}")).body().toString())
        .contains("Groups and Applications may not have the same identifier.");
    assertThat(cluster.call("PUT", "/v2/groups/g2", json("{\"version\":\"1999-01-01T00:00:00.000Z\"}")).status()).isEqualTo(422);
  }

  @Test
  void miscEndpointsAnswer() throws Exception {
    assertThat(cluster.call("GET", "/ping", null, Map.of("Accept", "text/plain")).text()).isEqualTo("pong");
    JsonNode info = cluster.get("/v2/info");
    assertThat(info.path("name").asText()).isEqualTo("marathon");
    assertThat(info.path("elected").asBoolean()).isTrue();
    assertThat(info.path("marathon_config").path("features").toString()).contains("secrets");
    assertThat(cluster.get("/v2/leader").path("leader").asText()).isEqualTo("127.0.0.1:" + cluster.port);
    assertThat(cluster.get("/metrics").path("gauges").has("marathon.apps.active.gauge")).isTrue();
    assertThat(cluster.get("/marathon/v2/apps").has("apps")).isTrue();
    assertThat(cluster.call("GET", "/v2/events", null).status()).isEqualTo(405);
    List<String> lines = new CopyOnWriteArrayList<>();
    HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(cluster.url() + "/v2/events?event_type=api_post_event&event_type=event_stream_attached"))
        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = stream.body()) {
      Thread.ofVirtual().start(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            lines.add(line);
          }
        } catch (Exception e) {
          // closed
        }
      });
      await().atMost(Duration.ofSeconds(5)).until(() -> lines.contains("event: event_stream_attached"));
      cluster.call("POST", "/v2/apps", json("{\"id\":\"/evented\",\"cmd\":\"sleep 1\",\"instances\":0}"));
      await().atMost(Duration.ofSeconds(5)).until(() -> lines.contains("event: api_post_event"));
      assertThat(lines).noneMatch(l -> l.contains("deployment_info"));
      assertThat(lines.stream().filter(l -> l.startsWith("data: ")).toList().getLast()).contains("\"appDefinition\"", "/evented");
    }
  }

  @Test
  void deleteLeaderAbdicatesAndAMasterAloneLeadsAgainWithANewTerm() {
    io.berth.master.LeaderTerm before = cluster.master.term().orElseThrow();
    List<String> registrations = new CopyOnWriteArrayList<>();
    cluster.marathon.events().listen(e -> {
      if (e.eventType().startsWith("scheduler_")) {
        registrations.add(e.eventType());
      }
    });
    MarathonCluster.Answer abdicated = cluster.call("DELETE", "/v2/leader", null);
    assertThat(abdicated.status()).isEqualTo(200);
    assertThat(json(abdicated.text()).path("message").asText()).isEqualTo("Leadership abdicated");
    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.master.term().filter(t -> t != before).isPresent()
        && cluster.marathon.scheduler().leading());
    assertThat(cluster.get("/v2/leader").path("leader").asText()).isEqualTo("127.0.0.1:" + cluster.port);
    await().atMost(Duration.ofSeconds(5)).until(() -> registrations.contains("scheduler_reregistered_event"));
    assertThat(registrations).doesNotContain("scheduler_registered_event");
  }

  @Test
  void abdicationWritesABackupAndRestoresOneBeforeTheLeaderStepsDown(@TempDir Path backups) throws Exception {
    assertThat(cluster.call("POST", "/v2/apps", json("{\"id\":\"/kept/app\",\"cmd\":\"sleep 1\",\"instances\":0,"
        + "\"labels\":{\"state\":\"backed-up\"}}")).status()).isEqualTo(201);
    assertThat(cluster.call("POST", "/v2/pods", json("{\"id\":\"/backed-pod\",\"scaling\":{\"kind\":\"fixed\",\"instances\":0},"
        + "\"containers\":[{\"name\":\"c\",\"resources\":{\"cpus\":0.1,\"mem\":16},\"exec\":{\"command\":{\"shell\":\"sleep 9\"}}}]}"))
        .status()).isEqualTo(201);
    Path file = backups.resolve("marathon.json");
    io.berth.master.LeaderTerm first = cluster.master.term().orElseThrow();
    assertThat(cluster.call("DELETE", "/v2/leader?backup=" + file.toUri(), null).status()).isEqualTo(200);
    assertThat(json(Files.readString(file)).path("apps").path("/kept/app").path("labels").path("state").asText())
        .isEqualTo("backed-up");
    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.master.term().filter(t -> t != first).isPresent()
        && cluster.marathon.scheduler().leading());

    cluster.call("DELETE", "/v2/apps/kept/app?force=true", null);
    cluster.call("DELETE", "/v2/pods/backed-pod?force=true", null);
    assertThat(cluster.call("POST", "/v2/apps", json("{\"id\":\"/after/backup\",\"cmd\":\"sleep 1\",\"instances\":0}"))
        .status()).isEqualTo(201);
    io.berth.master.LeaderTerm second = cluster.master.term().orElseThrow();
    assertThat(cluster.call("DELETE", "/v2/leader?restore=" + file.toUri(), null).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.master.term().filter(t -> t != second).isPresent()
        && cluster.marathon.scheduler().leading());
    assertThat(cluster.get("/v2/apps/kept/app").path("app").path("labels").path("state").asText()).isEqualTo("backed-up");
    assertThat(cluster.call("GET", "/v2/apps/after/backup", null).status()).isEqualTo(404);
    assertThat(cluster.call("GET", "/v2/groups/after", null).status()).isEqualTo(404);
    assertThat(cluster.get("/v2/pods/backed-pod").path("containers").path(0).path("name").asText()).isEqualTo("c");
    cluster.call("DELETE", "/v2/groups/kept?force=true", null);
    cluster.call("DELETE", "/v2/pods/backed-pod?force=true", null);
  }

  @Test
  void badBackupAndRestoreUrisAreRefusedAndTheLeaderStays(@TempDir Path dir) throws Exception {
    Path notABackup = Files.writeString(dir.resolve("secret.txt"), "top secret\n");
    io.berth.master.LeaderTerm before = cluster.master.term().orElseThrow();
    Map<String, String> refusals = Map.of(
        "backup=s3://bucket/key", "s3:// URIs are not supported",
        "backup=http://example.com/b", "must be a file:// URI",
        "backup=file://" + dir + "/missing/b.json", "does not exist",
        "backup=" + notABackup.toUri(), "is not a Berth backup",
        "restore=" + notABackup.toUri(), "is not a Berth Marathon backup",
        "restore=" + dir.resolve("nothing.json").toUri(), "is not a readable file",
        "backup=" + dir.resolve("fine.json").toUri() + "&restore=s3://bucket/key", "s3:// URIs");
    refusals.forEach((query, message) -> {
      MarathonCluster.Answer answer = cluster.call("DELETE", "/v2/leader?" + query, null);
      assertThat(answer.status()).as(query).isEqualTo(400);
      assertThat(answer.body().path("message").asText()).as(query).contains(message).doesNotContain("top secret");
    });
    assertThat(Files.readString(notABackup)).isEqualTo("top secret\n");
    assertThat(dir.resolve("fine.json")).doesNotExist();
    assertThat(cluster.master.term()).containsSame(before);
  }

  @Test
  void aFollowerProxiesToTheLeaderAndRedirectsTheEventStream() throws Exception {
    try (MarathonCluster.Follower follower = cluster.startFollower()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> follower.master().leaderUrl().isPresent());
      HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
      HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(follower.url() + "/v2/apps"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"/via-follower\",\"cmd\":\"sleep 1\",\"instances\":0}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      assertThat(created.headers().firstValue("Marathon-Deployment-Id")).isPresent();
      assertThat(cluster.get("/v2/apps/via-follower").path("app").path("id").asText()).isEqualTo("/via-follower");
      HttpResponse<String> got = client.send(HttpRequest.newBuilder(URI.create(follower.url() + "/v2/apps/via-follower?embed=app.counts")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(got.statusCode()).isEqualTo(200);
      assertThat(got.headers().firstValue("X-Marathon-Leader")).contains(cluster.url());
      HttpResponse<String> missing = client.send(HttpRequest.newBuilder(URI.create(follower.url() + "/v2/apps/nope")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
      HttpResponse<String> events = client.send(HttpRequest.newBuilder(URI.create(follower.url() + "/v2/events"))
          .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(events.statusCode()).isEqualTo(302);
      assertThat(events.headers().firstValue("Location")).contains(cluster.url() + "/v2/events");
      cluster.call("DELETE", "/v2/apps/via-follower", null);
    }
  }
}

package io.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metronome on {@code berth up} with real runc containers, driven over its HTTP API as the DC/OS CLI would: a run on
 * demand, retries under ON_FAILURE, and a {@code * * * * *} schedule on real time across a SIGKILL of the master.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetronomeE2ETest {
  private static final DateTimeFormatter METRONOME_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  @TempDir
  static Path tmp;
  static BerthUp cluster;
  static String metronome;
  static final HttpClient client = HttpClient.newHttpClient();
  static String token;

  @BeforeAll
  static void up() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "runc containers need root");
    cluster = new BerthUp(tmp.resolve("cluster"), 1, "runc").start();
    token = cluster.token();
    metronome = cluster.cluster().path("direct").path("metronome").asText();
    assertThat(metronome).isEqualTo(cluster.masterUrl());
    // created first, so that its minutes pass while the other tests run
    await("Metronome to lead").atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> call("POST", "/v1/jobs", "{\"id\": \"every.minute\", \"schedules\": [{\"id\": \"m\", \"cron\": \"* * * * *\","
            + " \"startingDeadlineSeconds\": 120}], \"run\": {\"cpus\": 0.1, \"mem\": 32, \"disk\": 0, \"cmd\": \"echo tick\"}}")
            .statusCode() == 201);
  }

  @AfterAll
  static void down() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  static HttpResponse<String> call(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(metronome + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "token=" + token);
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode ok(String method, String path, String body) throws Exception {
    HttpResponse<String> r = call(method, path, body);
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
    return r.body().isEmpty() ? null : Json.tree(r.body().getBytes());
  }

  static JsonNode history(String job) throws Exception {
    return ok("GET", "/v1/jobs/" + job + "?embed=history&embed=activeRuns", null);
  }

  /** The sandbox of a task, running or finished, from the agent's Mesos state. */
  static String sandbox(String taskId) {
    JsonNode state = Json.tree(cluster.http.getBytes(cluster.agentUrl(1) + "/slave(1)/state"));
    for (String frameworks : List.of("frameworks", "completed_frameworks")) {
      for (JsonNode f : state.path(frameworks)) {
        for (String executors : List.of("executors", "completed_executors")) {
          for (JsonNode e : f.path(executors)) {
            if (e.path("id").asText().equals(taskId)) {
              return e.path("directory").asText();
            }
          }
        }
      }
    }
    throw new AssertionError("task " + taskId + " is not on the agent: " + state);
  }

  static String stdout(String taskId) {
    String sandbox = sandbox(taskId);
    return Json.tree(cluster.http.getBytes(cluster.agentUrl(1) + "/files/read?offset=0&path=" + sandbox + "/stdout"))
        .path("data").asText();
  }

  @Test
  @Order(1)
  void anEchoJobRunOnDemandSucceedsAndItsStdoutIsReadable() throws Exception {
    ok("POST", "/v1/jobs", "{\"id\": \"hello\", \"run\": {\"cpus\": 0.1, \"mem\": 32, \"disk\": 0,"
        + " \"cmd\": \"echo hello from $MESOS_TASK_ID\"}}");
    JsonNode run = ok("POST", "/v1/jobs/hello/runs", null);
    assertThat(run.path("status").asText()).isEqualTo("STARTING");
    await("the run to succeed").atMost(Duration.ofSeconds(60))
        .until(() -> history("hello").path("history").path("successCount").asInt() == 1);
    JsonNode finished = history("hello").path("history").path("successfulFinishedRuns").get(0);
    assertThat(finished.path("id").asText()).isEqualTo(run.path("id").asText());
    String taskId = finished.path("tasks").get(0).asText();
    assertThat(stdout(taskId)).contains("hello from " + taskId);
    assertThat(ok("GET", "/v1/jobs/hello/runs", null)).isEmpty();
  }

  @Test
  @Order(2)
  void aFailingJobUnderOnFailureRetriesUntilItsDeadlineThenFails() throws Exception {
    ok("POST", "/metronome/v1/jobs", "{\"id\": \"flaky\", \"run\": {\"cpus\": 0.1, \"mem\": 32, \"disk\": 0,"
        + " \"cmd\": \"echo try; exit 3\", \"restart\": {\"policy\": \"ON_FAILURE\", \"activeDeadlineSeconds\": 8}}}");
    Instant started = Instant.now();
    ok("POST", "/v1/jobs/flaky/runs", null);
    await("the run to fail").atMost(Duration.ofSeconds(60))
        .until(() -> history("flaky").path("history").path("failureCount").asInt() == 1);
    JsonNode failed = history("flaky").path("history").path("failedFinishedRuns").get(0);
    assertThat(failed.path("tasks").size()).as("retried").isGreaterThanOrEqualTo(2);
    Instant finishedAt = METRONOME_TIME.parse(failed.path("finishedAt").asText(), Instant::from);
    assertThat(finishedAt).isAfterOrEqualTo(started.plusSeconds(7));
    assertThat(stdout(failed.path("tasks").get(0).asText())).contains("try");
  }

  @Test
  @Order(3)
  void badInputGetsMetronomesErrorsAndChangesNothing() throws Exception {
    HttpResponse<String> unknown = call("POST", "/v1/jobs", "{\"id\": \"bad\", \"run\": {\"cpus\": 0.1, \"mem\": 32, \"disk\": 0,"
        + " \"cmd\": \"true\", \"foo\": 1}}");
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(Json.tree(unknown.body().getBytes()).path("details").get(0).path("errors").get(0).asText())
        .isEqualTo("Additional properties are not allowed ('foo' was unexpected)");
    HttpResponse<String> missing = call("GET", "/v1/jobs/nope", null);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("{\"id\":\"nope\",\"message\":\"Job not found\"}");
    assertThat(call("GET", "/v1/jobs/bad", null).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(4)
  void everyMinuteFiresOncePerMinuteOnRealTimeAcrossAMasterRestart() throws Exception {
    List<JsonNode> runs = new ArrayList<>();
    await("the first occurrence").atMost(Duration.ofSeconds(150)).ignoreExceptions().until(() -> allRuns(runs) >= 1);
    Instant first = METRONOME_TIME.parse(runs.getFirst().path("createdAt").asText(), Instant::from);
    assertThat(first.getEpochSecond() % 60).as("fired at the minute (skew under 2 s)").isLessThan(2);

    ProcessHandle master = cluster.role("master").orElseThrow();
    new ProcessBuilder("kill", "-9", String.valueOf(master.pid())).start().waitFor();
    await("the master restarted").atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> cluster.role("master").filter(p -> p.pid() != master.pid()).isPresent()
            && call("GET", "/v1/jobs/every.minute", null).statusCode() == 200);

    await("the second occurrence").atMost(Duration.ofSeconds(120)).until(() -> allRuns(runs) >= 2);
    Instant second = METRONOME_TIME.parse(runs.get(1).path("createdAt").asText(), Instant::from);
    long firstMinute = first.getEpochSecond() / 60;
    long secondMinute = second.getEpochSecond() / 60;
    if (secondMinute == firstMinute + 1) {
      assertThat(second.getEpochSecond() % 60).as("fired at the minute (skew under 2 s)").isLessThan(2);
    } else {
      // the restart took the master past the next minute: the missed occurrence started once, late, within its deadline
      assertThat(secondMinute).isEqualTo(firstMinute + 2);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> history("every.minute").path("activeRuns").isEmpty()
        || Instant.now().getEpochSecond() / 60 > secondMinute);
    allRuns(runs);
    assertThat(runs.stream().map(r -> METRONOME_TIME.parse(r.path("createdAt").asText(), Instant::from).getEpochSecond() / 60)
        .filter(m -> m <= secondMinute).distinct().count()).as("one run per minute, none repeated")
        .isEqualTo(runs.stream().filter(r -> METRONOME_TIME.parse(r.path("createdAt").asText(), Instant::from)
            .getEpochSecond() / 60 <= secondMinute).count());
    assertThat(history("every.minute").path("history").path("skippedOccurrences")).isEmpty();
  }

  /** Every run of the scheduled job (finished and active), oldest first, into {@code runs}; returns how many. */
  static int allRuns(List<JsonNode> runs) throws Exception {
    JsonNode job = history("every.minute");
    List<JsonNode> all = new ArrayList<>();
    job.path("history").path("successfulFinishedRuns").forEach(all::add);
    job.path("history").path("failedFinishedRuns").forEach(all::add);
    job.path("activeRuns").forEach(all::add);
    all.sort(java.util.Comparator.comparing(r -> r.path("createdAt").asText()));
    runs.clear();
    runs.addAll(all);
    return all.size();
  }
}

package io.berth.metronome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.common.id.IdGenerator;
import io.berth.common.time.SystemTime;
import io.berth.master.MasterConfig;
import io.berth.master.MasterModule;
import io.berth.testkit.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Metronome on a real master over HTTP, with a fake agent and a testing clock. */
class MetronomeModuleTest {
  static final Instant T0 = Instant.parse("2026-05-01T10:00:30Z");
  final MetronomeCluster cluster = new MetronomeCluster(T0, Map.of("rack", "r1"));

  @AfterEach
  void stop() {
    cluster.close();
  }

  static String job(String id, String runExtra) {
    return "{'id': '" + id + "', 'description': 'd', 'labels': {'owner': 'zeus'}, 'run': {'cpus': 0.1, 'mem': 32, 'disk': 0,"
        + " 'cmd': 'echo hello'" + runExtra + "}}";
  }

  TaskInfo nextLaunch() throws InterruptedException {
    TaskInfo t = cluster.agent.launched.poll(10, TimeUnit.SECONDS);
    assertThat(t).as("a task is launched").isNotNull();
    return t;
  }

  JsonNode jobWith(String id, String embed) {
    return cluster.ok("GET", "/v1/jobs/" + id + "?embed=" + embed, null);
  }

  @Test
  void aJobIsCreatedReadReplacedAndDeleted() {
    JsonNode created = cluster.ok("POST", "/v1/jobs", job("prod.app", ", 'env': {'A': 'b'}"));
    assertThat(created.path("id").asText()).isEqualTo("prod.app");
    assertThat(created.path("run").path("maxLaunchDelay").asInt()).isEqualTo(3600);
    assertThat(created.path("run").path("restart").path("policy").asText()).isEqualTo("NEVER");
    assertThat(cluster.call("POST", "/v1/jobs", job("prod.app", "")).status()).isEqualTo(409);

    cluster.ok("POST", "/v1/jobs/prod.app/schedules", "{'id': 'nightly', 'cron': '20 0 * * *', 'timezone': 'Europe/Berlin'}");
    JsonNode replaced = cluster.ok("PUT", "/v1/jobs/prod.app", job("ignored", ""));
    assertThat(replaced.path("id").asText()).isEqualTo("prod.app");
    assertThat(replaced.path("schedules").get(0).path("id").asText()).as("PUT /v1 keeps the schedules").isEqualTo("nightly");
    assertThat(replaced.path("schedules").get(0).path("nextRunAt").asText()).isEqualTo("2026-05-01T22:20:00.000+0000");

    JsonNode list = cluster.ok("GET", "/metronome/v1/jobs?embed=history&embed=activeRuns", null);
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("history").path("successCount").asInt()).isZero();
    assertThat(list.get(0).path("history").path("lastSuccessAt").isNull()).isTrue();
    assertThat(list.get(0).path("activeRuns")).isEmpty();

    JsonNode v0 = cluster.ok("PUT", "/v0/scheduled-jobs/prod.app", job("prod.app", ""));
    assertThat(v0.path("schedules")).as("v0 replaces the schedules too").isEmpty();

    assertThat(cluster.ok("DELETE", "/v1/jobs/prod.app", null).path("id").asText()).isEqualTo("prod.app");
    MetronomeCluster.Answer gone = cluster.call("GET", "/v1/jobs/prod.app", null);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body().path("id").asText()).isEqualTo("prod.app");
    assertThat(gone.body().path("message").asText()).isEqualTo("Job not found");
  }

  @Test
  void anOnDemandRunBecomesActiveThenSucceedsAndIsKeptInTheHistory() throws Exception {
    cluster.ok("POST", "/v1/jobs", job("hello", ", 'env': {'GREETING': 'hi'}, 'user': 'nobody', 'taskKillGracePeriodSeconds': 7,"
        + " 'artifacts': [{'uri': 'https://example.com/tool.tgz', 'executable': true}]"));
    JsonNode run = cluster.ok("POST", "/v1/jobs/hello/runs", null);
    String runId = run.path("id").asText();
    assertThat(runId).matches("20260501100030[A-Z0-9]{5}");
    assertThat(run.path("status").asText()).isEqualTo("STARTING");
    assertThat(run.path("createdAt").asText()).isEqualTo("2026-05-01T10:00:30.000+0000");

    TaskInfo task = nextLaunch();
    assertThat(task.id()).startsWith("hello_" + runId + ".");
    assertThat(task.command().value()).isEqualTo("echo hello");
    assertThat(task.command().environment()).containsEntry("GREETING", "hi");
    assertThat(task.command().uris()).containsExactly(
        new io.berth.api.cluster.CommandInfo.FetchUri("https://example.com/tool.tgz", true, true, false, null));
    assertThat(task.command().user()).isEqualTo("nobody");
    assertThat(task.killGracePeriodSeconds()).isEqualTo(7);
    assertThat(task.resources().cpus()).isEqualTo(0.1);
    assertThat(task.labels()).containsEntry("metronome.run", runId);
    await().until(() -> cluster.ok("GET", "/v1/jobs/hello/runs/" + runId, null).path("status").asText().equals("ACTIVE"));
    JsonNode active = cluster.ok("GET", "/v1/jobs/hello/runs", null);
    assertThat(active.get(0).path("tasks").get(0).path("status").asText()).isEqualTo("TASK_RUNNING");

    cluster.clock.advance(Duration.ofSeconds(5));
    cluster.agent.report(task.id(), TaskState.TASK_FINISHED);
    await().until(() -> jobWith("hello", "history").path("history").path("successCount").asInt() == 1);
    JsonNode history = jobWith("hello", "history").path("history");
    assertThat(history.path("lastSuccessAt").asText()).isEqualTo("2026-05-01T10:00:35.000+0000");
    assertThat(history.path("successfulFinishedRuns").get(0).path("id").asText()).isEqualTo(runId);
    assertThat(history.path("successfulFinishedRuns").get(0).path("tasks").get(0).asText()).isEqualTo(task.id());
    assertThat(cluster.ok("GET", "/v1/jobs/hello/runs", null)).isEmpty();
    assertThat(cluster.call("GET", "/v1/jobs/hello/runs/" + runId, null).body().path("message").asText())
        .isEqualTo("Job Run not found");
    JsonNode summary = jobWith("hello", "historySummary").path("historySummary");
    assertThat(summary.path("successCount").asInt()).isEqualTo(1);
    assertThat(summary.has("successfulFinishedRuns")).isFalse();
  }

  @Test
  void onFailureRetriesUntilItsActiveDeadlineAndThenFails() throws Exception {
    cluster.ok("POST", "/v1/jobs", job("flaky", ", 'restart': {'policy': 'ON_FAILURE', 'activeDeadlineSeconds': 10}"));
    cluster.ok("POST", "/v1/jobs/flaky/runs", null);
    TaskInfo first = nextLaunch();
    cluster.clock.advance(Duration.ofSeconds(2));
    cluster.agent.report(first.id(), TaskState.TASK_FAILED);
    assertThat(cluster.agent.launched.poll(300, TimeUnit.MILLISECONDS)).as("no retry before the retry delay").isNull();
    cluster.clock.advance(Duration.ofSeconds(1));
    TaskInfo second = nextLaunch();
    assertThat(second.id()).isNotEqualTo(first.id());
    cluster.clock.advance(Duration.ofSeconds(8));
    cluster.agent.report(second.id(), TaskState.TASK_FAILED);
    await().until(() -> jobWith("flaky", "history").path("history").path("failureCount").asInt() == 1);
    JsonNode failed = jobWith("flaky", "history").path("history").path("failedFinishedRuns").get(0);
    assertThat(failed.path("tasks")).extracting(JsonNode::asText).containsExactly(first.id(), second.id());
    cluster.clock.advance(Duration.ofSeconds(5));
    assertThat(cluster.agent.launched.poll(300, TimeUnit.MILLISECONDS)).as("no retry after the deadline").isNull();
  }

  @Test
  void stoppingARunKillsItsTaskAndDeletingAJobWithActiveRunsNeedsStopCurrentJobRuns() throws Exception {
    cluster.ok("POST", "/v1/jobs", job("long", ""));
    String runId = cluster.ok("POST", "/v1/jobs/long/runs", null).path("id").asText();
    TaskInfo task = nextLaunch();
    JsonNode stopped = cluster.ok("POST", "/v1/jobs/long/runs/" + runId + "/actions/stop", null);
    assertThat(stopped.path("status").asText()).isEqualTo("FAILED");
    assertThat(stopped.path("completedAt").isNull()).isFalse();
    assertThat(cluster.agent.killed.poll(10, TimeUnit.SECONDS)).isEqualTo(task.id());
    assertThat(jobWith("long", "history").path("history").path("failureCount").asInt()).isEqualTo(1);

    cluster.ok("POST", "/v1/jobs/long/runs", null);
    TaskInfo second = nextLaunch();
    MetronomeCluster.Answer refused = cluster.call("DELETE", "/v1/jobs/long", null);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().path("message").asText()).isEqualTo("There are active job runs. Override with stopCurrentJobRuns=true");
    assertThat(cluster.image().jobs().job("long")).isPresent();
    cluster.ok("DELETE", "/v1/jobs/long?stopCurrentJobRuns=true", null);
    assertThat(cluster.agent.killed.poll(10, TimeUnit.SECONDS)).isEqualTo(second.id());
    assertThat(cluster.image().jobs().job("long")).isEmpty();
  }

  @Test
  void placementConstraintsChooseTheAgent() throws Exception {
    cluster.ok("POST", "/v1/jobs", job("elsewhere", ", 'placement': {'constraints': [{'attribute': 'rack', 'operator': 'EQ', 'value': 'r2'}]}"));
    cluster.ok("POST", "/v1/jobs", job("here", ", 'placement': {'constraints': [{'attribute': 'rack', 'operator': 'LIKE', 'value': 'r[0-9]'}]}"));
    cluster.ok("POST", "/v1/jobs/elsewhere/runs", null);
    cluster.ok("POST", "/v1/jobs/here/runs", null);
    assertThat(nextLaunch().name()).isEqualTo("here");
    await().until(() -> cluster.ok("GET", "/v1/queue", null).size() == 1);
    assertThat(cluster.ok("GET", "/v1/queue", null).get(0).path("jobId").asText()).isEqualTo("elsewhere");
    assertThat(cluster.agent.launched.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aMasterThatDoesNotLeadRedirectsToTheLeader() throws Exception {
    int port = FreePorts.next();
    MasterConfig config = MasterConfig.defaults("127.0.0.1", port);
    MasterModule follower = new MasterModule(config, cluster.store,
        cluster.election.participant(config.url()), cluster.clock, SystemTime.ticker(),
        IdGenerator.random());
    MetronomeModule standby = new MetronomeModule(follower.publisher(), cluster.clock, SystemTime.ticker(),
        IdGenerator.random(), MetronomeConfig.defaults());
    follower.withLeaderService(standby.leaderService()).withRoutes(standby::routes);
    follower.start();
    try {
      var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(follower.url() + "/v1/jobs?embed=history")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(307);
      assertThat(response.headers().firstValue("Location")).contains(cluster.master.url() + "/v1/jobs?embed=history");
    } finally {
      follower.close();
    }
  }

  @Test
  void runsOfJobsWithAnImageOrAVolumeFailAtOnceInsteadOfRunningWithoutThem() {
    cluster.ok("POST", "/v1/jobs", job("img", ", 'docker': {'image': 'busybox'}"));
    cluster.ok("POST", "/v1/jobs", job("vol", ", 'volumes': [{'containerPath': '/c', 'hostPath': '/tmp', 'mode': 'RO'}]"));
    cluster.ok("POST", "/v1/jobs/img/runs", null);
    cluster.ok("POST", "/v1/jobs/vol/runs", null);
    await().until(() -> jobWith("img", "history").path("history").path("failureCount").asInt() == 1
        && jobWith("vol", "history").path("history").path("failureCount").asInt() == 1);
    assertThat(cluster.agent.launched).isEmpty();
  }

  @Test
  void aJobWithDependenciesRunsOnceItsParentSucceeded() throws Exception {
    cluster.ok("POST", "/v1/jobs", job("parent", ""));
    cluster.ok("POST", "/v1/jobs", "{'id': 'child', 'dependencies': [{'id': 'parent'}], 'run': {'cpus': 0.1, 'mem': 32, 'disk': 0, 'cmd': 'x'}}");
    MetronomeCluster.Answer refused = cluster.call("DELETE", "/v1/jobs/parent", null);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().path("message").asText()).isEqualTo("There are jobs with a dependency on parent. children=[child]");
    cluster.ok("POST", "/v1/jobs/parent/runs", null);
    TaskInfo parent = nextLaunch();
    assertThat(parent.name()).isEqualTo("parent");
    assertThat(cluster.agent.launched.poll(300, TimeUnit.MILLISECONDS)).isNull();
    cluster.clock.advance(Duration.ofSeconds(1));
    cluster.agent.report(parent.id(), TaskState.TASK_FINISHED);
    assertThat(nextLaunch().name()).isEqualTo("child");
    assertThat(cluster.agent.launched.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }
}

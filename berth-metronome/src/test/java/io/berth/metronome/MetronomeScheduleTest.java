package io.berth.metronome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.state.jobs.Job;
import io.berth.state.jobs.JobRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Schedules on a real master with a testing clock: fire times, FORBID, and failovers that neither skip nor repeat. */
class MetronomeScheduleTest {
  static final Instant T0 = Instant.parse("2026-05-01T10:00:30Z");
  final MetronomeCluster cluster = new MetronomeCluster(T0, Map.of());

  @AfterEach
  void stop() {
    cluster.close();
  }

  static String scheduledJob(String policy, int deadline) {
    return "{'id': 'tick', 'schedules': [{'id': 'every-minute', 'cron': '* * * * *', 'concurrencyPolicy': '" + policy + "',"
        + " 'startingDeadlineSeconds': " + deadline + "}], 'run': {'cpus': 0.1, 'mem': 32, 'disk': 0, 'cmd': 'true'}}";
  }

  Job job() {
    return cluster.image().jobs().job("tick").orElseThrow();
  }

  List<Instant> scheduledRuns() {
    return job().activeRuns().values().stream().map(JobRun::scheduledAt).toList();
  }

  TaskInfo nextLaunch() throws InterruptedException {
    TaskInfo t = cluster.agent.launched.poll(10, TimeUnit.SECONDS);
    assertThat(t).as("a task is launched").isNotNull();
    return t;
  }

  @Test
  void eachOccurrenceStartsOneRunAndFailoversNeitherRepeatNorLoseOne() throws Exception {
    JsonNode created = cluster.ok("POST", "/v1/jobs", scheduledJob("ALLOW", 120));
    assertThat(created.path("schedules").get(0).path("nextRunAt").asText()).isEqualTo("2026-05-01T10:02:00.000+0000");

    cluster.clock.advance(Duration.ofSeconds(89)); // 10:01:59
    assertThat(cluster.agent.launched.poll(300, TimeUnit.MILLISECONDS)).isNull();
    cluster.clock.advance(Duration.ofSeconds(1)); // 10:02:00
    TaskInfo first = nextLaunch();
    assertThat(scheduledRuns()).containsExactly(Instant.parse("2026-05-01T10:02:00Z"));
    await().until(() -> job().activeRuns().values().iterator().next().status() == JobRun.Status.ACTIVE);

    // a failover between two occurrences: the new leader adopts the running task and starts nothing twice
    cluster.clock.advance(Duration.ofSeconds(10));
    cluster.restart();
    assertThat(cluster.agent.launched.poll(500, TimeUnit.MILLISECONDS)).isNull();
    assertThat(scheduledRuns()).hasSize(1);
    cluster.clock.advance(Duration.ofSeconds(50)); // 10:03:00
    TaskInfo second = nextLaunch();
    assertThat(scheduledRuns()).containsExactly(Instant.parse("2026-05-01T10:02:00Z"), Instant.parse("2026-05-01T10:03:00Z"));
    cluster.agent.report(first.id(), TaskState.TASK_FINISHED);
    cluster.agent.report(second.id(), TaskState.TASK_FINISHED);
    await().until(() -> job().history().successCount() == 2);

    // no leader at 10:04 and 10:05: the new leader at 10:05:30 starts both, each once (within the deadline)
    cluster.stopMaster();
    cluster.clock.advance(Duration.ofSeconds(150)); // 10:05:30
    cluster.startMaster();
    java.util.Set<String> launchedIds = java.util.Set.of(nextLaunch().id(), nextLaunch().id());
    assertThat(launchedIds).hasSize(2);
    await().until(() -> scheduledRuns().size() == 2);
    assertThat(scheduledRuns()).containsExactly(Instant.parse("2026-05-01T10:04:00Z"), Instant.parse("2026-05-01T10:05:00Z"));
    // The master may send a launch of a still-staging task again when the agent re-registers (the agent ignores an
    // identical launch); what must never happen is a third task.
    TaskInfo extra = cluster.agent.launched.poll(500, TimeUnit.MILLISECONDS);
    assertThat(extra == null || launchedIds.contains(extra.id())).as("no third task: %s", extra).isTrue();
    assertThat(cluster.ok("GET", "/v1/jobs/tick", null).path("schedules").get(0).path("nextRunAt").asText())
        .isEqualTo("2026-05-01T10:06:00.000+0000");
  }

  @Test
  void forbidSkipsOccurrencesWhileARunIsActiveAndStaleOccurrencesAreRecordedNotStarted() {
    // 8 cpus: no agent can take it, so its runs stay STARTING
    cluster.ok("POST", "/v1/jobs", scheduledJob("FORBID", 60).replace("'cpus': 0.1", "'cpus': 8"));
    cluster.clock.advance(Duration.ofSeconds(90)); // 10:02:00
    await().until(() -> scheduledRuns().size() == 1);
    cluster.clock.advance(Duration.ofSeconds(59)); // 10:02:59
    await().until(() -> cluster.ok("GET", "/v1/queue", null).size() == 1);
    cluster.clock.advance(Duration.ofSeconds(1)); // 10:03:00 while 10:02's run is active, and past its deadline
    await().until(() -> job().history().skippedCount() == 1 && job().history().failureCount() == 1);
    JsonNode history = cluster.ok("GET", "/v1/jobs/tick?embed=history", null).path("history");
    assertThat(history.path("skippedOccurrences").get(0).path("reason").asText()).isEqualTo("CONCURRENCY_FORBIDDEN");
    assertThat(history.path("skippedOccurrences").get(0).path("scheduledAt").asText()).isEqualTo("2026-05-01T10:03:00.000+0000");
    assertThat(job().activeRuns()).isEmpty();

    // no leader for three minutes: at 10:06:30, 10:04 and 10:05 are past their 60 s deadline, 10:06 is not
    cluster.stopMaster();
    cluster.clock.advance(Duration.ofSeconds(210)); // 10:06:30
    cluster.startMaster();
    await().until(() -> job().history().skippedCount() == 3);
    assertThat(job().history().skippedOccurrences().getFirst().reason().name()).isEqualTo("STARTING_DEADLINE_PASSED");
    assertThat(job().history().skippedOccurrences().getFirst().count()).isEqualTo(2);
    assertThat(scheduledRuns()).containsExactly(Instant.parse("2026-05-01T10:06:00Z"));
  }
}

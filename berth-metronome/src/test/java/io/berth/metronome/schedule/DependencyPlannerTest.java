package io.berth.metronome.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.state.jobs.JobRecord;
import io.berth.state.jobs.JobRun;
import io.berth.state.jobs.JobSpec;
import io.berth.state.jobs.JobsImage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A dependent job starts once all its parents succeeded after it last started, and not again on its own failure. */
class DependencyPlannerTest {
  static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
  JobsImage image = JobsImage.EMPTY;
  int runs;

  void create(String id, String... parents) {
    List<JobSpec.Dependency> deps = java.util.Arrays.stream(parents).map(JobSpec.Dependency::new).toList();
    image = image.apply(new JobRecord.JobCreated(new JobSpec(id, null, Map.of(), deps, List.of(), SchedulePlannerTest.run()), T0));
  }

  void succeed(String id, long atSecond) {
    String runId = id + "-" + ++runs;
    image = image.apply(new JobRecord.RunCreated(new JobRun(runId, id, SchedulePlannerTest.run(), JobRun.Trigger.MANUAL, null,
        null, null, JobRun.Status.STARTING, T0.plusSeconds(atSecond - 1), null)));
    image = image.apply(new JobRecord.RunFinished(id, runId, JobRun.Status.SUCCESS, T0.plusSeconds(atSecond), List.of(), 10));
  }

  boolean due(String id) {
    return DependencyPlanner.due(image.job(id).orElseThrow(), image);
  }

  @Test
  void aJobStartsWhenAllItsParentsSucceededAndOnlyOnce() {
    create("a");
    create("b");
    create("c", "a", "b");
    assertThat(due("c")).isFalse();
    succeed("a", 10);
    assertThat(due("c")).as("b has not succeeded yet").isFalse();
    succeed("b", 20);
    assertThat(due("c")).isTrue();
    var created = DependencyPlanner.run(image.job("c").orElseThrow(), image, T0.plusSeconds(21), () -> "c-run").orElseThrow();
    assertThat(created.run().trigger()).isEqualTo(JobRun.Trigger.DEPENDENCY);
    image = image.apply(created);
    assertThat(due("c")).as("its run is active").isFalse();
    image = image.apply(new JobRecord.RunFinished("c", "c-run", JobRun.Status.FAILED, T0.plusSeconds(22), List.of(), 10));
    assertThat(due("c")).as("a failure is not retried until the parents succeed again").isFalse();
    succeed("a", 30);
    assertThat(due("c")).isFalse();
    succeed("b", 40);
    assertThat(due("c")).isTrue();
  }
}

package io.berth.state.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.state.image.ClusterImage;
import io.berth.state.record.ChangeRecord;
import io.berth.state.store.RecordCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobsImageTest {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  static RunSpec run() {
    return new RunSpec(0.1, 32, 0, 0, "echo hi", null, null, Map.of("A", RunSpec.EnvValue.of("1"),
        "S", new RunSpec.EnvValue(null, "s1")), null, List.of(new RunSpec.Artifact("http://x/a.tgz", true, false, false)),
        3600, null, null, List.of(), new RunSpec.Restart(RunSpec.RestartPolicy.ON_FAILURE, 60L),
        Map.of("s1", new RunSpec.Secret("/mysecret")), List.of(), null);
  }

  static JobSpec job(String id, ScheduleSpec... schedules) {
    return new JobSpec(id, null, Map.of("owner", "zeus"), List.of(), List.of(schedules), run());
  }

  static ScheduleSpec everyMinute(String id) {
    return new ScheduleSpec(id, "* * * * *", "UTC", 900, ScheduleSpec.ConcurrencyPolicy.FORBID, true);
  }

  static JobRun runOf(String jobId, String runId, Instant at, String scheduleId, Instant scheduledAt) {
    return new JobRun(runId, jobId, run(), scheduleId == null ? JobRun.Trigger.MANUAL : JobRun.Trigger.SCHEDULE, scheduleId,
        scheduledAt, scheduleId == null ? null : 900L, JobRun.Status.STARTING, at, null);
  }

  @Test
  void runsMoveFromActiveToHistoryWithCountersAndCappedLists() {
    JobsImage image = JobsImage.EMPTY.apply(new JobRecord.JobCreated(job("a"), T0));
    for (int i = 0; i < 5; i++) {
      Instant at = T0.plusSeconds(10 * i);
      image = image.apply(new JobRecord.RunCreated(runOf("a", "r" + i, at, null, null)));
      image = image.apply(new JobRecord.RunActive("a", "r" + i, at.plusSeconds(1)));
      image = image.apply(new JobRecord.RunFinished("a", "r" + i, i % 2 == 0 ? JobRun.Status.SUCCESS : JobRun.Status.FAILED,
          at.plusSeconds(2), List.of("t" + i), 2));
    }
    Job a = image.job("a").orElseThrow();
    assertThat(a.activeRuns()).isEmpty();
    assertThat(a.history().successCount()).isEqualTo(3);
    assertThat(a.history().failureCount()).isEqualTo(2);
    assertThat(a.history().successfulFinishedRuns()).extracting(JobHistory.FinishedRun::id).containsExactly("r4", "r2");
    assertThat(a.history().failedFinishedRuns()).extracting(JobHistory.FinishedRun::id).containsExactly("r3", "r1");
    assertThat(a.history().lastSuccessAt()).isEqualTo(T0.plusSeconds(42));
    assertThat(a.history().lastFailureAt()).isEqualTo(T0.plusSeconds(32));
  }

  @Test
  void aRunOfAScheduleAndASkippedOccurrenceMarkTheOccurrenceHandledAndNeverGoBack() {
    JobsImage image = JobsImage.EMPTY.apply(new JobRecord.JobCreated(job("a", everyMinute("m")), T0));
    image = image.apply(new JobRecord.RunCreated(runOf("a", "r1", T0.plusSeconds(120), "m", T0.plusSeconds(120))));
    assertThat(image.job("a").orElseThrow().scheduleState("m").lastOccurrence()).isEqualTo(T0.plusSeconds(120));
    image = image.apply(new JobRecord.OccurrenceSkipped("a", "m", T0.plusSeconds(180),
        JobHistory.SkipReason.CONCURRENCY_FORBIDDEN, 1, T0.plusSeconds(180), 10));
    image = image.apply(new JobRecord.OccurrenceSkipped("a", "m", T0.plusSeconds(60),
        JobHistory.SkipReason.STARTING_DEADLINE_PASSED, 1, T0.plusSeconds(181), 10));
    Job a = image.job("a").orElseThrow();
    assertThat(a.scheduleState("m").lastOccurrence()).isEqualTo(T0.plusSeconds(180));
    assertThat(a.history().skippedCount()).isEqualTo(2);
    assertThat(a.scheduleState("m").since()).isEqualTo(T0);
  }

  @Test
  void anUpdateKeepsTheProgressOfAnUnchangedScheduleAndRestartsAChangedOne() {
    JobsImage image = JobsImage.EMPTY.apply(new JobRecord.JobCreated(job("a", everyMinute("m")), T0));
    image = image.apply(new JobRecord.RunCreated(runOf("a", "r1", T0.plusSeconds(60), "m", T0.plusSeconds(60))));
    image = image.apply(new JobRecord.JobUpdated(job("a", everyMinute("m")), T0.plusSeconds(70)));
    assertThat(image.job("a").orElseThrow().scheduleState("m")).isEqualTo(new Job.ScheduleState(T0, T0.plusSeconds(60)));
    ScheduleSpec hourly = new ScheduleSpec("m", "0 * * * *", "UTC", 900, ScheduleSpec.ConcurrencyPolicy.ALLOW, true);
    image = image.apply(new JobRecord.JobUpdated(job("a", hourly), T0.plusSeconds(80)));
    assertThat(image.job("a").orElseThrow().scheduleState("m")).isEqualTo(new Job.ScheduleState(T0.plusSeconds(80), null));
    assertThat(image.job("a").orElseThrow().activeRuns()).containsKey("r1");
    image = image.apply(new JobRecord.JobDeleted("a", T0.plusSeconds(90)));
    assertThat(image.jobs()).isEmpty();
    assertThat(image.apply(new JobRecord.RunActive("a", "r1", T0))).isEqualTo(image);
  }

  @Test
  void recordsAndImagesSurviveTheCodecUnchanged() {
    List<ChangeRecord> batch = List.of(
        new JobRecord.JobCreated(job("a", everyMinute("m")), T0),
        new JobRecord.RunCreated(runOf("a", "r1", T0, "m", T0)),
        new JobRecord.RunActive("a", "r1", T0.plusSeconds(1)),
        new JobRecord.RunFinished("a", "r1", JobRun.Status.FAILED, T0.plusSeconds(2), List.of("t1"), 10),
        new JobRecord.OccurrenceSkipped("a", "m", T0.plusSeconds(60), JobHistory.SkipReason.CONCURRENCY_FORBIDDEN, 1,
            T0.plusSeconds(60), 10),
        new JobRecord.JobUpdated(job("a"), T0.plusSeconds(3)),
        new JobRecord.JobCreated(job("b"), T0.plusSeconds(4)),
        new JobRecord.JobDeleted("b", T0.plusSeconds(5)));
    assertThat(RecordCodec.decodeBatch(RecordCodec.encodeBatch(batch))).isEqualTo(batch);
    ClusterImage image = ClusterImage.EMPTY.apply(1, batch.subList(0, 5));
    assertThat(RecordCodec.decodeImage(RecordCodec.encodeImage(image))).isEqualTo(image);
    assertThat(image.jobs().job("a").orElseThrow().spec().run().env().get("S").secret()).isEqualTo("s1");
  }

  @Test
  void aRunStartedByDependenciesMarksTheirSuccessesHandled() {
    JobsImage image = JobsImage.EMPTY.apply(new JobRecord.JobCreated(job("a"), T0));
    JobRun run = new JobRun("r1", "a", run(), JobRun.Trigger.DEPENDENCY, null, null, null, JobRun.Status.STARTING,
        T0.plusSeconds(5), null);
    image = image.apply(new JobRecord.RunCreated(run));
    assertThat(image.job("a").orElseThrow().dependencyRunAt()).isEqualTo(T0.plusSeconds(5));
    image = image.apply(new JobRecord.RunFinished("a", "r1", JobRun.Status.FAILED, T0.plusSeconds(6), List.of(), 10));
    assertThat(image.job("a").orElseThrow().dependencyRunAt()).isEqualTo(T0.plusSeconds(5));
  }
}

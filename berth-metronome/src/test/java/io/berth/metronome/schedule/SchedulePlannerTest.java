package io.berth.metronome.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.state.jobs.Job;
import io.berth.state.jobs.JobHistory;
import io.berth.state.jobs.JobRecord;
import io.berth.state.jobs.JobRun;
import io.berth.state.jobs.JobSpec;
import io.berth.state.jobs.JobsImage;
import io.berth.state.jobs.RunSpec;
import io.berth.state.jobs.ScheduleSpec;
import io.berth.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Schedules on a testing clock: first fire, FORBID, starting deadline, and no duplicates or losses across restarts. */
class SchedulePlannerTest {
  static final Instant T0 = Instant.parse("2026-05-01T10:00:30Z");
  final TestClock clock = new TestClock(T0);
  final AtomicInteger runs = new AtomicInteger();
  final Supplier<String> runIds = () -> "run" + runs.incrementAndGet();
  JobsImage image;

  static RunSpec run() {
    return new RunSpec(0.1, 32, 0, 0, "true", null, null, Map.of(), null, List.of(), 3600, null, null, List.of(), null,
        Map.of(), List.of(), null);
  }

  void create(ScheduleSpec.ConcurrencyPolicy policy, long deadline) {
    ScheduleSpec s = new ScheduleSpec("every", "* * * * *", "UTC", deadline, policy, true);
    image = JobsImage.EMPTY.apply(new JobRecord.JobCreated(new JobSpec("j", null, Map.of(), List.of(), List.of(s), run()), T0));
  }

  Job job() {
    return image.job("j").orElseThrow();
  }

  /** One planning pass at the clock's time; its records are committed. */
  List<JobRecord> tick() {
    List<JobRecord> records = SchedulePlanner.due(job(), job().spec().schedules().getFirst(), clock.instant(), runIds, 100);
    records.forEach(r -> image = image.apply(r));
    return records;
  }

  void finishAll() {
    for (JobRun r : List.copyOf(job().activeRuns().values())) {
      image = image.apply(new JobRecord.RunFinished("j", r.id(), JobRun.Status.SUCCESS, clock.instant(), List.of(), 100));
    }
  }

  @Test
  void theFirstRunIsAtLeastAMinuteAfterCreationAndEachOccurrenceStartsOneRun() {
    create(ScheduleSpec.ConcurrencyPolicy.ALLOW, 900);
    assertThat(SchedulePlanner.nextOccurrence(job().spec().schedules().getFirst(), job().scheduleState("every")))
        .contains(Instant.parse("2026-05-01T10:02:00Z"));
    clock.advance(Duration.ofSeconds(60));
    assertThat(tick()).isEmpty();
    clock.advance(Duration.ofSeconds(30));
    List<JobRecord> fired = tick();
    assertThat(fired).singleElement().isInstanceOfSatisfying(JobRecord.RunCreated.class, c -> {
      assertThat(c.run().scheduledAt()).isEqualTo(Instant.parse("2026-05-01T10:02:00Z"));
      assertThat(c.run().startingDeadlineSeconds()).isEqualTo(900);
    });
    assertThat(tick()).isEmpty();
    clock.advance(Duration.ofSeconds(59));
    assertThat(tick()).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(tick()).hasSize(1);
    assertThat(job().activeRuns()).hasSize(2);
  }

  @Test
  void forbidSkipsAndRecordsTheOccurrenceWhileARunIsActive() {
    create(ScheduleSpec.ConcurrencyPolicy.FORBID, 900);
    clock.advance(Duration.ofSeconds(90));
    assertThat(tick()).hasSize(1);
    clock.advance(Duration.ofSeconds(60));
    assertThat(tick()).singleElement().isInstanceOfSatisfying(JobRecord.OccurrenceSkipped.class, s -> {
      assertThat(s.reason()).isEqualTo(JobHistory.SkipReason.CONCURRENCY_FORBIDDEN);
      assertThat(s.occurrence()).isEqualTo(Instant.parse("2026-05-01T10:03:00Z"));
    });
    assertThat(job().activeRuns()).hasSize(1);
    assertThat(job().history().skippedCount()).isEqualTo(1);
    finishAll();
    clock.advance(Duration.ofSeconds(60));
    assertThat(tick()).singleElement().isInstanceOf(JobRecord.RunCreated.class);
  }

  @Test
  void occurrencesMissedWhileNoMasterLedStartOnceWithinTheirDeadlineAndAreRecordedWhenPastIt() {
    create(ScheduleSpec.ConcurrencyPolicy.ALLOW, 150);
    clock.advance(Duration.ofSeconds(90));
    assertThat(tick()).hasSize(1); // 10:02
    // the master is down from 10:02:00 to 10:07:30: 10:03 .. 10:07 were not handled
    clock.advance(Duration.ofSeconds(330));
    List<JobRecord> catchUp = tick();
    assertThat(catchUp.getFirst()).isInstanceOfSatisfying(JobRecord.OccurrenceSkipped.class, s -> {
      assertThat(s.reason()).isEqualTo(JobHistory.SkipReason.STARTING_DEADLINE_PASSED);
      assertThat(s.count()).isEqualTo(2); // 10:03, 10:04 are more than 150 s ago
      assertThat(s.occurrence()).isEqualTo(Instant.parse("2026-05-01T10:04:00Z"));
    });
    assertThat(catchUp.subList(1, catchUp.size())).extracting(r -> ((JobRecord.RunCreated) r).run().scheduledAt())
        .containsExactly(Instant.parse("2026-05-01T10:05:00Z"), Instant.parse("2026-05-01T10:06:00Z"),
            Instant.parse("2026-05-01T10:07:00Z"));
    // a second master replaying the same records finds nothing left to do: no duplicates
    assertThat(tick()).isEmpty();
    assertThat(job().activeRuns()).hasSize(4);
  }

  @Test
  void aDisabledScheduleNeverFiresAndReEnablingDoesNotCatchUp() {
    ScheduleSpec off = new ScheduleSpec("every", "* * * * *", "UTC", 900, ScheduleSpec.ConcurrencyPolicy.ALLOW, false);
    image = JobsImage.EMPTY.apply(new JobRecord.JobCreated(new JobSpec("j", null, Map.of(), List.of(), List.of(off), run()), T0));
    clock.advance(Duration.ofMinutes(10));
    assertThat(tick()).isEmpty();
    ScheduleSpec on = new ScheduleSpec("every", "* * * * *", "UTC", 900, ScheduleSpec.ConcurrencyPolicy.ALLOW, true);
    image = image.apply(new JobRecord.JobUpdated(job().spec().withSchedules(List.of(on)), clock.instant()));
    assertThat(tick()).isEmpty();
    clock.advance(Duration.ofSeconds(90));
    assertThat(tick()).hasSize(1);
  }
}

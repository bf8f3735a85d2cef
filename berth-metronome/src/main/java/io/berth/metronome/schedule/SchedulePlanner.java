package io.berth.metronome.schedule;

import io.berth.state.jobs.Job;
import io.berth.state.jobs.JobHistory;
import io.berth.state.jobs.JobRecord;
import io.berth.state.jobs.JobRun;
import io.berth.state.jobs.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * When a schedule fires and what each occurrence becomes. Pure: the time is an argument, the answer is records.
 *
 * <p>A schedule counts occurrences from {@code since} (its creation or last change; the first occurrence is at least
 * {@link #FIRST_DELAY} later, as in Metronome) or from its last handled occurrence. Every occurrence is handled
 * exactly once, because the records that handle it also move the schedule's last occurrence: an occurrence still
 * within {@code startingDeadlineSeconds} starts one run (or is skipped, and recorded as skipped, under FORBID while
 * a run is active); older ones, missed while no master led, are recorded as skipped with their count.
 */
public final class SchedulePlanner {
  /** Metronome waits at least this long after a schedule is created or changed before its first run. */
  public static final Duration FIRST_DELAY = Duration.ofSeconds(60);
  /** Missed occurrences counted one by one before the rest is jumped over. */
  private static final int MAX_COUNTED = 10_000;

  private SchedulePlanner() {}

  /** The next occurrence to handle; empty when the schedule never fires again. */
  public static Optional<Instant> nextOccurrence(ScheduleSpec spec, Job.ScheduleState state) {
    CronSchedule cron = CronSchedule.of(spec.cron(), spec.timezone());
    Instant after = state.lastOccurrence() != null ? state.lastOccurrence()
        : state.since().plus(FIRST_DELAY).minusNanos(1);
    return cron.next(after);
  }

  /**
   * The records for the occurrences of {@code spec} that are due at {@code now} (none: nothing is due, or the
   * schedule is disabled). Runs are created with ids from {@code runIds}.
   */
  public static List<JobRecord> due(Job job, ScheduleSpec spec, Instant now, Supplier<String> runIds, int historyLimit) {
    if (!spec.enabled()) {
      return List.of();
    }
    Optional<Instant> first = nextOccurrence(spec, job.scheduleState(spec.id()));
    if (first.isEmpty() || first.get().isAfter(now)) {
      return List.of();
    }
    CronSchedule cron = CronSchedule.of(spec.cron(), spec.timezone());
    Instant oldestStartable = now.minusSeconds(spec.startingDeadlineSeconds());
    List<JobRecord> records = new ArrayList<>();
    Instant occurrence = first.get();
    int missed = 0;
    Instant lastMissed = null;
    while (occurrence != null && occurrence.isBefore(oldestStartable)) {
      missed++;
      lastMissed = occurrence;
      if (missed >= MAX_COUNTED) {
        lastMissed = oldestStartable.minusNanos(1);
        occurrence = cron.next(lastMissed).orElse(null);
        break;
      }
      occurrence = cron.next(occurrence).orElse(null);
    }
    if (missed > 0) {
      records.add(new JobRecord.OccurrenceSkipped(job.id(), spec.id(), lastMissed,
          JobHistory.SkipReason.STARTING_DEADLINE_PASSED, missed, now, historyLimit));
    }
    boolean active = !job.activeRuns().isEmpty();
    while (occurrence != null && !occurrence.isAfter(now)) {
      if (spec.concurrencyPolicy() == ScheduleSpec.ConcurrencyPolicy.FORBID && active) {
        records.add(new JobRecord.OccurrenceSkipped(job.id(), spec.id(), occurrence,
            JobHistory.SkipReason.CONCURRENCY_FORBIDDEN, 1, now, historyLimit));
      } else {
        records.add(new JobRecord.RunCreated(new JobRun(runIds.get(), job.id(), job.spec().run(), JobRun.Trigger.SCHEDULE,
            spec.id(), occurrence, spec.startingDeadlineSeconds(), JobRun.Status.STARTING, now, null)));
        active = true;
      }
      occurrence = cron.next(occurrence).orElse(null);
    }
    return records;
  }
}

package io.berth.state.jobs;

import io.berth.state.record.MetronomeRecord;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Metronome's jobs, schedules and runs in the cluster image. Immutable; {@link #apply} is pure. Records about a job
 * or run that no longer exists are ignored (a later record of the same batch made them stale).
 */
public record JobsImage(Map<String, Job> jobs) {
  public static final JobsImage EMPTY = new JobsImage(Map.of());

  public JobsImage {
    jobs = jobs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
  }

  public Optional<Job> job(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  /** The image after one record. */
  public JobsImage apply(MetronomeRecord record) {
    if (!(record instanceof JobRecord r)) {
      throw new IllegalArgumentException("unknown Metronome record " + record);
    }
    Job job = jobs.get(r.jobId());
    Job next = switch (r) {
      case JobRecord.JobCreated c -> job != null ? job
          : new Job(c.job(), c.at(), Map.of(), Map.of(), JobHistory.EMPTY, null);
      case JobRecord.JobUpdated u -> job == null ? null : updated(job, u);
      case JobRecord.JobDeleted d -> null;
      case JobRecord.RunCreated c -> job == null ? null : withRun(job, c.run());
      case JobRecord.RunActive a -> job == null ? null : job.activeRun(a.runId())
          .map(run -> withActiveRuns(job, put(job.activeRuns(), run.id(), run.active(a.at())))).orElse(job);
      case JobRecord.RunFinished f -> job == null ? null : finished(job, f);
      case JobRecord.OccurrenceSkipped s -> job == null ? null : skipped(job, s);
    };
    Map<String, Job> nextJobs = new LinkedHashMap<>(jobs);
    if (next == null) {
      nextJobs.remove(r.jobId());
    } else {
      nextJobs.put(r.jobId(), next);
    }
    return new JobsImage(nextJobs);
  }

  private static Job updated(Job job, JobRecord.JobUpdated u) {
    Map<String, Job.ScheduleState> states = new HashMap<>();
    for (ScheduleSpec s : u.job().schedules()) {
      ScheduleSpec old = job.spec().schedules().stream().filter(o -> o.id().equals(s.id())).findFirst().orElse(null);
      boolean unchanged = old != null && Objects.equals(old.cron(), s.cron()) && Objects.equals(old.timezone(), s.timezone())
          && old.enabled() == s.enabled();
      states.put(s.id(), unchanged ? job.scheduleState(s.id()) : new Job.ScheduleState(u.at(), null));
    }
    return new Job(u.job(), job.createdAt(), orderedBySpec(u.job(), states), job.activeRuns(), job.history(),
        job.dependencyRunAt());
  }

  private static Map<String, Job.ScheduleState> orderedBySpec(JobSpec spec, Map<String, Job.ScheduleState> states) {
    Map<String, Job.ScheduleState> ordered = new LinkedHashMap<>();
    spec.schedules().forEach(s -> ordered.put(s.id(), states.get(s.id())));
    return ordered;
  }

  private static Job withRun(Job job, JobRun run) {
    Job next = withActiveRuns(job, put(job.activeRuns(), run.id(), run));
    if (run.scheduleId() != null && run.scheduledAt() != null) {
      next = withOccurrence(next, run.scheduleId(), run.scheduledAt());
    }
    if (run.trigger() == JobRun.Trigger.DEPENDENCY) {
      next = new Job(next.spec(), next.createdAt(), next.scheduleStates(), next.activeRuns(), next.history(), run.createdAt());
    }
    return next;
  }

  private static Job finished(Job job, JobRecord.RunFinished f) {
    JobRun run = job.activeRuns().get(f.runId());
    if (run == null) {
      return job;
    }
    Map<String, JobRun> runs = new LinkedHashMap<>(job.activeRuns());
    runs.remove(f.runId());
    JobHistory history = job.history().withFinished(new JobHistory.FinishedRun(run.id(), run.createdAt(), f.at(), f.tasks()),
        f.status() == JobRun.Status.SUCCESS, f.historyLimit());
    return new Job(job.spec(), job.createdAt(), job.scheduleStates(), runs, history, job.dependencyRunAt());
  }

  private static Job skipped(Job job, JobRecord.OccurrenceSkipped s) {
    Job next = withOccurrence(job, s.scheduleId(), s.occurrence());
    JobHistory history = next.history().withSkipped(
        new JobHistory.SkippedOccurrence(s.scheduleId(), s.occurrence(), s.reason(), s.count(), s.at()), s.historyLimit());
    return new Job(next.spec(), next.createdAt(), next.scheduleStates(), next.activeRuns(), history,
        next.dependencyRunAt());
  }

  private static Job withOccurrence(Job job, String scheduleId, java.time.Instant occurrence) {
    Job.ScheduleState old = job.scheduleState(scheduleId);
    if (old.lastOccurrence() != null && !occurrence.isAfter(old.lastOccurrence())) {
      return job;
    }
    Map<String, Job.ScheduleState> states = new LinkedHashMap<>(job.scheduleStates());
    states.put(scheduleId, new Job.ScheduleState(old.since(), occurrence));
    return new Job(job.spec(), job.createdAt(), states, job.activeRuns(), job.history(), job.dependencyRunAt());
  }

  private static Job withActiveRuns(Job job, Map<String, JobRun> runs) {
    return new Job(job.spec(), job.createdAt(), job.scheduleStates(), runs, job.history(), job.dependencyRunAt());
  }

  private static <V> Map<String, V> put(Map<String, V> map, String key, V value) {
    Map<String, V> next = new LinkedHashMap<>(map);
    next.put(key, value);
    return next;
  }
}

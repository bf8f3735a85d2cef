package io.berth.state.jobs;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A job in the image: its definition, the progress of each of its schedules, its active runs (in creation order),
 * its history, and when its dependencies last started a run ({@code dependencyRunAt}, null: never).
 */
public record Job(
    JobSpec spec,
    Instant createdAt,
    Map<String, ScheduleState> scheduleStates,
    Map<String, JobRun> activeRuns,
    JobHistory history,
    Instant dependencyRunAt) {

  public Job {
    scheduleStates = scheduleStates == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(scheduleStates));
    activeRuns = activeRuns == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(activeRuns));
    history = history == null ? JobHistory.EMPTY : history;
  }

  public String id() {
    return spec.id();
  }

  public Optional<JobRun> activeRun(String runId) {
    return Optional.ofNullable(activeRuns.get(runId));
  }

  /** Where a schedule stands; a schedule without state counts from the job's creation. */
  public ScheduleState scheduleState(String scheduleId) {
    ScheduleState s = scheduleStates.get(scheduleId);
    return s != null ? s : new ScheduleState(createdAt, null);
  }

  /**
   * Where a schedule stands: it counts occurrences from {@code since} (its creation or last change), and
   * {@code lastOccurrence} is the newest occurrence that was handled (a run started, or recorded as skipped).
   */
  public record ScheduleState(Instant since, Instant lastOccurrence) {}
}

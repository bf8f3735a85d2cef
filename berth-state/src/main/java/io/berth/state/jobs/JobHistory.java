package io.berth.state.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a job's finished runs left: counters (never capped), the last success and failure times, and the finished
 * runs themselves, newest first and capped. Also the schedule occurrences that did not start a run.
 */
public record JobHistory(
    long successCount,
    long failureCount,
    Instant lastSuccessAt,
    Instant lastFailureAt,
    List<FinishedRun> successfulFinishedRuns,
    List<FinishedRun> failedFinishedRuns,
    long skippedCount,
    List<SkippedOccurrence> skippedOccurrences) {

  public static final JobHistory EMPTY = new JobHistory(0, 0, null, null, List.of(), List.of(), 0, List.of());

  public JobHistory {
    successfulFinishedRuns = successfulFinishedRuns == null ? List.of() : List.copyOf(successfulFinishedRuns);
    failedFinishedRuns = failedFinishedRuns == null ? List.of() : List.copyOf(failedFinishedRuns);
    skippedOccurrences = skippedOccurrences == null ? List.of() : List.copyOf(skippedOccurrences);
  }

  /** A finished run: its id, when it was created and finished, and the ids of its tasks. */
  public record FinishedRun(String id, Instant createdAt, Instant finishedAt, List<String> tasks) {
    public FinishedRun {
      tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }
  }

  /** A schedule occurrence that started no run ({@code count} > 1: that many missed in a row, the last at {@code scheduledAt}). */
  public record SkippedOccurrence(String scheduleId, Instant scheduledAt, SkipReason reason, int count, Instant recordedAt) {}

  public enum SkipReason {
    /** FORBID: a run of the job was still active. */
    CONCURRENCY_FORBIDDEN,
    /** Nobody could start it within its starting deadline (the leader was down or busy). */
    STARTING_DEADLINE_PASSED
  }

  JobHistory withFinished(FinishedRun run, boolean success, int limit) {
    if (success) {
      return new JobHistory(successCount + 1, failureCount, run.finishedAt(), lastFailureAt,
          prepend(successfulFinishedRuns, run, limit), failedFinishedRuns, skippedCount, skippedOccurrences);
    }
    return new JobHistory(successCount, failureCount + 1, lastSuccessAt, run.finishedAt(), successfulFinishedRuns,
        prepend(failedFinishedRuns, run, limit), skippedCount, skippedOccurrences);
  }

  JobHistory withSkipped(SkippedOccurrence skipped, int limit) {
    return new JobHistory(successCount, failureCount, lastSuccessAt, lastFailureAt, successfulFinishedRuns,
        failedFinishedRuns, skippedCount + skipped.count(), prepend(skippedOccurrences, skipped, limit));
  }

  private static <T> List<T> prepend(List<T> list, T item, int limit) {
    List<T> next = new ArrayList<>(list.size() + 1);
    next.add(item);
    next.addAll(list);
    while (next.size() > Math.max(0, limit)) {
      next.removeLast();
    }
    return next;
  }
}

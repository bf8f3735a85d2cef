package io.berth.state.jobs;

import io.berth.state.record.MetronomeRecord;
import java.time.Instant;
import java.util.List;

/** The changes to Metronome's jobs: the records {@link JobsImage#apply} replays. */
public sealed interface JobRecord extends MetronomeRecord {
  String jobId();

  /** A new job. */
  record JobCreated(JobSpec job, Instant at) implements JobRecord {
    public String jobId() {
      return job.id();
    }
  }

  /** A job's new definition (schedules included); schedules that changed count their occurrences from {@code at}. */
  record JobUpdated(JobSpec job, Instant at) implements JobRecord {
    public String jobId() {
      return job.id();
    }
  }

  /** A job and its history are gone (its active runs were stopped before). */
  record JobDeleted(String jobId, Instant at) implements JobRecord {}

  /**
   * A run started; a run of a schedule also marks its occurrence ({@code run.scheduledAt()}) as handled, a run of
   * the job's dependencies marks their successes up to its creation as handled.
   */
  record RunCreated(JobRun run) implements JobRecord {
    public String jobId() {
      return run.jobId();
    }
  }

  /** A task of the run was reported starting or running. */
  record RunActive(String jobId, String runId, Instant at) implements JobRecord {}

  /**
   * A run ended SUCCESS or FAILED and moves to the history, which keeps at most {@code historyLimit} runs of each
   * kind (in the record, so replay does not depend on configuration).
   */
  record RunFinished(String jobId, String runId, JobRun.Status status, Instant at, List<String> tasks, int historyLimit)
      implements JobRecord {
    public RunFinished {
      tasks = List.copyOf(tasks);
    }
  }

  /** Occurrences of a schedule up to {@code occurrence} started no run; they count as handled. */
  record OccurrenceSkipped(String jobId, String scheduleId, Instant occurrence, JobHistory.SkipReason reason, int count,
      Instant at, int historyLimit) implements JobRecord {}
}

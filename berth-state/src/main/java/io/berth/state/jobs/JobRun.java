package io.berth.state.jobs;

import java.time.Instant;

/**
 * An active run of a job: the definition it was started with, why it started (on demand, a schedule occurrence at
 * {@code scheduledAt}, or its dependencies) and where it stands. Finished runs leave the image's active runs and
 * are kept in the job's {@link JobHistory}.
 *
 * @param startingDeadlineSeconds only for runs of a schedule: the run fails if it is not ACTIVE this long after
 *     {@code createdAt}
 */
public record JobRun(
    String id,
    String jobId,
    RunSpec spec,
    Trigger trigger,
    String scheduleId,
    Instant scheduledAt,
    Long startingDeadlineSeconds,
    Status status,
    Instant createdAt,
    Instant activeAt) {

  /** Metronome's run states; only STARTING and ACTIVE runs are stored as active. */
  public enum Status {
    INITIAL, STARTING, ACTIVE, SUCCESS, FAILED;

    public boolean finished() {
      return this == SUCCESS || this == FAILED;
    }
  }

  public enum Trigger { MANUAL, SCHEDULE, DEPENDENCY }

  public JobRun active(Instant at) {
    return new JobRun(id, jobId, spec, trigger, scheduleId, scheduledAt, startingDeadlineSeconds, Status.ACTIVE,
        createdAt, at);
  }
}

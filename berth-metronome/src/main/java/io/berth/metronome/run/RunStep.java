package io.berth.metronome.run;

import io.berth.state.jobs.JobRun;

/** What an active run needs next, as {@link RunPlanner} decides it. */
public sealed interface RunStep {
  /** Nothing to do now: a task is on its way or running, or a retry waits for its delay. */
  record Wait() implements RunStep {}

  /** A task of the run was reported staging, starting or running: the run is ACTIVE. */
  record MarkActive() implements RunStep {}

  /** The run needs a (new) task. */
  record Launch() implements RunStep {}

  /** The run ends with {@code status} (SUCCESS or FAILED) for the reason given (for the log). */
  record Finish(JobRun.Status status, String why) implements RunStep {}
}

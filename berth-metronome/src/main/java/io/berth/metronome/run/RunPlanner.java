package io.berth.metronome.run;

import io.berth.api.cluster.TaskState;
import io.berth.state.image.Task;
import io.berth.state.jobs.JobRun;
import io.berth.state.jobs.RunSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run state machine of Metronome, as a pure function of a run, its tasks (oldest first) and the time.
 *
 * <ul>
 *   <li>a task staging, starting or running makes a STARTING run ACTIVE; a finished task makes it SUCCESS;
 *   <li>a failed, killed, lost or unreachable task fails the run under {@code NEVER}; under {@code ON_FAILURE} a new
 *       task follows after the retry delay while {@code now < createdAt + activeDeadlineSeconds} (forever without
 *       one), and the run fails after that;
 *   <li>a run of a schedule that is not ACTIVE {@code startingDeadlineSeconds} after its creation fails;
 *   <li>a run that waits longer than {@code maxLaunchDelay} for its task to be launched fails.
 * </ul>
 */
public final class RunPlanner {
  private RunPlanner() {}

  public static RunStep next(JobRun run, List<Task> tasks, Instant now, Duration retryDelay) {
    Task latest = tasks.isEmpty() ? null : tasks.getLast();
    Instant waitingSince = run.createdAt();
    boolean retry = false;
    if (latest != null) {
      TaskState state = latest.state();
      if (state == TaskState.TASK_FINISHED) {
        return new RunStep.Finish(JobRun.Status.SUCCESS, "task " + latest.id() + " finished");
      }
      if (!state.isTerminal() && state != TaskState.TASK_UNREACHABLE) {
        return run.status() == JobRun.Status.STARTING ? new RunStep.MarkActive() : new RunStep.Wait();
      }
      RunSpec.Restart restart = run.spec().restart();
      Instant failedAt = latest.latest().timestamp();
      boolean mayRetry = restart.policy() == RunSpec.RestartPolicy.ON_FAILURE && (restart.activeDeadlineSeconds() == null
          || now.isBefore(run.createdAt().plusSeconds(restart.activeDeadlineSeconds())));
      if (!mayRetry) {
        return new RunStep.Finish(JobRun.Status.FAILED, "task " + latest.id() + " ended " + state
            + (restart.policy() == RunSpec.RestartPolicy.ON_FAILURE ? " after the active deadline" : ""));
      }
      waitingSince = failedAt;
      retry = true;
    }
    if (run.startingDeadlineSeconds() != null && run.status() == JobRun.Status.STARTING
        && !now.isBefore(run.createdAt().plusSeconds(run.startingDeadlineSeconds()))) {
      return new RunStep.Finish(JobRun.Status.FAILED, "not started within its starting deadline of "
          + run.startingDeadlineSeconds() + " s");
    }
    if (!now.isBefore(waitingSince.plusSeconds(run.spec().maxLaunchDelay()).plus(retry ? retryDelay : Duration.ZERO))) {
      return new RunStep.Finish(JobRun.Status.FAILED, "no task launched within maxLaunchDelay of "
          + run.spec().maxLaunchDelay() + " s");
    }
    if (retry && now.isBefore(waitingSince.plus(retryDelay))) {
      return new RunStep.Wait();
    }
    return new RunStep.Launch();
  }

  /**
   * Tasks to kill: live tasks of runs that are no longer active, and live tasks of an active run that are not its
   * newest (an unreachable task that was replaced).
   */
  public static List<Task> strays(Map<String, List<Task>> tasksByRun, Set<String> activeRuns) {
    List<Task> strays = new ArrayList<>();
    tasksByRun.forEach((run, tasks) -> {
      boolean active = activeRuns.contains(run);
      for (int i = 0; i < tasks.size(); i++) {
        Task t = tasks.get(i);
        if (!t.terminal() && (!active || i < tasks.size() - 1)) {
          strays.add(t);
        }
      }
    });
    return strays;
  }
}

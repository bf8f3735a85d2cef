package io.berth.metronome.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.state.image.Task;
import io.berth.state.jobs.JobRun;
import io.berth.state.jobs.RunSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The run state machine: restart policies, deadlines, adoption and strays. */
class RunPlannerTest {
  static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
  static final Duration RETRY = Duration.ofSeconds(1);

  static JobRun run(RunSpec.RestartPolicy policy, Long activeDeadline, Long startingDeadline, JobRun.Status status) {
    RunSpec spec = new RunSpec(0.1, 32, 0, 0, "exit 1", null, null, Map.of(), null, List.of(), 60, null, null, List.of(),
        new RunSpec.Restart(policy, activeDeadline), Map.of(), List.of(), null);
    return new JobRun("r1", "j", spec, JobRun.Trigger.MANUAL, null, null, startingDeadline, status, T0, null);
  }

  static Task task(String id, TaskState state, Instant at) {
    TaskInfo info = new TaskInfo(id, "j", "f", "a", Resources.of(0.1, 32), CommandInfo.shell("x"), List.of(), Map.of(), 3);
    TaskStatus staging = new TaskStatus(id, "f", "a", TaskState.TASK_STAGING, null, null, null, at.minusSeconds(1), "u0", null, null, null);
    TaskStatus last = new TaskStatus(id, "f", "a", state, null, null, null, at, "u1", null, null, null);
    return new Task(info, state == TaskState.TASK_STAGING ? List.of(staging) : List.of(staging, last), "u1");
  }

  @Test
  void aNewRunLaunchesAStagingTaskMakesItActiveAndAFinishedTaskMakesItSuccess() {
    JobRun starting = run(RunSpec.RestartPolicy.NEVER, null, null, JobRun.Status.STARTING);
    assertThat(RunPlanner.next(starting, List.of(), T0, RETRY)).isInstanceOf(RunStep.Launch.class);
    assertThat(RunPlanner.next(starting, List.of(task("t1", TaskState.TASK_STAGING, T0)), T0, RETRY)).isInstanceOf(RunStep.MarkActive.class);
    JobRun active = starting.active(T0);
    assertThat(RunPlanner.next(active, List.of(task("t1", TaskState.TASK_RUNNING, T0)), T0, RETRY)).isInstanceOf(RunStep.Wait.class);
    assertThat(RunPlanner.next(active, List.of(task("t1", TaskState.TASK_FINISHED, T0)), T0, RETRY))
        .isEqualTo(new RunStep.Finish(JobRun.Status.SUCCESS, "task t1 finished"));
  }

  @Test
  void neverFailsOnTheFirstFailure() {
    JobRun active = run(RunSpec.RestartPolicy.NEVER, null, null, JobRun.Status.ACTIVE);
    for (TaskState s : List.of(TaskState.TASK_FAILED, TaskState.TASK_KILLED, TaskState.TASK_LOST, TaskState.TASK_UNREACHABLE)) {
      assertThat(RunPlanner.next(active, List.of(task("t1", s, T0)), T0, RETRY)).isInstanceOfSatisfying(RunStep.Finish.class,
          f -> assertThat(f.status()).isEqualTo(JobRun.Status.FAILED));
    }
  }

  @Test
  void onFailureRetriesAfterTheDelayUntilItsActiveDeadline() {
    JobRun active = run(RunSpec.RestartPolicy.ON_FAILURE, 30L, null, JobRun.Status.ACTIVE);
    List<Task> failed = List.of(task("t1", TaskState.TASK_FAILED, T0.plusSeconds(5)));
    assertThat(RunPlanner.next(active, failed, T0.plusSeconds(5), RETRY)).isInstanceOf(RunStep.Wait.class);
    assertThat(RunPlanner.next(active, failed, T0.plusSeconds(6), RETRY)).isInstanceOf(RunStep.Launch.class);
    List<Task> late = List.of(task("t1", TaskState.TASK_FAILED, T0.plusSeconds(5)), task("t2", TaskState.TASK_FAILED, T0.plusSeconds(30)));
    assertThat(RunPlanner.next(active, late, T0.plusSeconds(30), RETRY)).isInstanceOfSatisfying(RunStep.Finish.class,
        f -> assertThat(f.status()).isEqualTo(JobRun.Status.FAILED));
    JobRun forever = run(RunSpec.RestartPolicy.ON_FAILURE, null, null, JobRun.Status.ACTIVE);
    assertThat(RunPlanner.next(forever, late, T0.plusSeconds(31), RETRY)).isInstanceOf(RunStep.Launch.class);
  }

  @Test
  void aScheduledRunNotActiveWithinItsStartingDeadlineFailsAndSoDoesOneWaitingPastMaxLaunchDelay() {
    JobRun scheduled = run(RunSpec.RestartPolicy.NEVER, null, 10L, JobRun.Status.STARTING);
    assertThat(RunPlanner.next(scheduled, List.of(), T0.plusSeconds(9), RETRY)).isInstanceOf(RunStep.Launch.class);
    assertThat(RunPlanner.next(scheduled, List.of(), T0.plusSeconds(10), RETRY)).isInstanceOf(RunStep.Finish.class);
    assertThat(RunPlanner.next(scheduled, List.of(task("t1", TaskState.TASK_RUNNING, T0.plusSeconds(11))), T0.plusSeconds(11), RETRY))
        .isInstanceOf(RunStep.MarkActive.class);
    JobRun manual = run(RunSpec.RestartPolicy.NEVER, null, null, JobRun.Status.STARTING);
    assertThat(RunPlanner.next(manual, List.of(), T0.plusSeconds(59), RETRY)).isInstanceOf(RunStep.Launch.class);
    assertThat(RunPlanner.next(manual, List.of(), T0.plusSeconds(60), RETRY)).isInstanceOfSatisfying(RunStep.Finish.class,
        f -> assertThat(f.why()).contains("maxLaunchDelay"));
  }

  @Test
  void liveTasksOfEndedRunsAndReplacedTasksAreStrays() {
    Task old = task("t1", TaskState.TASK_UNREACHABLE, T0);
    Task current = task("t2", TaskState.TASK_RUNNING, T0);
    Task orphan = task("t3", TaskState.TASK_RUNNING, T0);
    Task done = task("t4", TaskState.TASK_FINISHED, T0);
    assertThat(RunPlanner.strays(Map.of("j/r1", List.of(old, current), "j/r2", List.of(orphan, done)), Set.of("j/r1")))
        .extracting(Task::id).containsExactlyInAnyOrder("t1", "t3");
  }
}

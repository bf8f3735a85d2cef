package io.berth.agent.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.agent.runtime.ExitStatus;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus.Reason;
import org.junit.jupiter.api.Test;

class TaskStatusesTest {
  private static final Resources RES = Resources.of(1, 128);

  @Test
  void exitsMapToMesosStates() {
    assertThat(TaskStatuses.ofExit(ExitStatus.exited(0), false, RES))
        .isEqualTo(new TaskStatuses.Outcome(TaskState.TASK_FINISHED, null, "Command exited with status 0", 0));
    assertThat(TaskStatuses.ofExit(ExitStatus.exited(2), false, RES))
        .isEqualTo(new TaskStatuses.Outcome(TaskState.TASK_FAILED, Reason.REASON_COMMAND_EXECUTOR_FAILED,
            "Command exited with status 2", 2));
    TaskStatuses.Outcome signalled = TaskStatuses.ofExit(ExitStatus.signalled(11), false, RES);
    assertThat(signalled.state()).isEqualTo(TaskState.TASK_FAILED);
    assertThat(signalled.message()).contains("SIGSEGV");
    assertThat(TaskStatuses.ofExit(ExitStatus.exited(0), true, RES).state()).isEqualTo(TaskState.TASK_KILLED);
    assertThat(TaskStatuses.ofExit(ExitStatus.signalled(9), true, RES).state()).isEqualTo(TaskState.TASK_KILLED);
  }

  @Test
  void anOomKillFailsWithTheMemoryReasonEvenWhenTheExitCodeSaysNothing() {
    TaskStatuses.Outcome oom = TaskStatuses.ofExit(new ExitStatus(0, null, true, null), false, RES);

    assertThat(oom.state()).isEqualTo(TaskState.TASK_FAILED);
    assertThat(oom.reason()).isEqualTo(Reason.REASON_CONTAINER_LIMITATION_MEMORY);
    assertThat(oom.message()).startsWith("Memory limit exceeded: Requested: 128MB");
  }

  @Test
  void anUnknownExitStatusSaysSo() {
    TaskStatuses.Outcome unknown = TaskStatuses.ofExit(new ExitStatus(-1, null, false, "monitor died"), false, RES);

    assertThat(unknown.exitCode()).isNull();
    assertThat(unknown.message()).contains("unknown status").contains("monitor died");
  }
}

package io.berth.agent;

import static io.berth.agent.AgentFixture.WAIT;
import static io.berth.agent.AgentFixture.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.agent.checkpoint.Checkpoint;
import io.berth.agent.checkpoint.CheckpointedTask;
import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.ExitStatus;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.api.cluster.TaskStatus.Reason;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentRecoveryTest {
  @TempDir Path dir;
  AgentFixture f;

  @AfterEach
  void close() {
    f.close();
  }

  private String runningTask(String id) {
    f.launch(task(id, "serve"));
    f.awaitStates(id, TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    return f.containerOf(id).id();
  }

  @Test
  void aRestartedAgentReattachesToARunningContainer() {
    f = new AgentFixture(dir).start();
    String container = runningTask("web.1");

    f.restart();
    f.runtime.exit(container, ExitStatus.exited(0));

    f.awaitStates("web.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
    assertThat(f.runtime.started()).hasSize(1);
    await().atMost(WAIT).until(() -> f.runtime.list().isEmpty());
  }

  @Test
  void anExitWhileTheAgentWasDownIsReported() {
    f = new AgentFixture(dir).start();
    String container = runningTask("job.1");
    f.stop();

    f.runtime.exit(container, ExitStatus.exited(7));
    f.start();

    f.awaitStates("job.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FAILED);
    TaskStatus failed = f.master.updatesOf("job.1").getLast();
    assertThat(failed.message()).contains("status 7");
    assertThat(failed.exitCode()).isEqualTo(7);
    await().atMost(WAIT).until(() -> !f.runtime.list().contains(container));
  }

  @Test
  void aContainerThatVanishedWhileTheAgentWasDownFailsTheTask() {
    f = new AgentFixture(dir).start();
    String container = runningTask("web.1");
    f.stop();

    f.runtime.forget(container);
    f.start();

    f.awaitStates("web.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FAILED);
    TaskStatus failed = f.master.updatesOf("web.1").getLast();
    assertThat(failed.reason()).isEqualTo(Reason.REASON_EXECUTOR_TERMINATED);
    assertThat(failed.source()).isEqualTo(TaskStatus.Source.SOURCE_AGENT);
    assertThat(failed.message()).contains("disappeared while the agent was down");
  }

  /**
   * The agent starts the container while it checkpoints the task (with TASK_STARTING): killed after that checkpoint,
   * it leaves a launching task that names the container and a running container, which recovery must adopt, not
   * orphan. (The checkpoint here says STAGING, as agents before 2026-11-26 wrote it first; STARTING reads the same.)
   */
  @Test
  void anAgentKilledAfterTheContainerStartedButBeforeStartingWasCheckpointedAdoptsTheContainer() {
    f = new AgentFixture(dir).start();
    f.stop();
    stagedOnly("web.1", "c-window");
    f.runtime.start(new ContainerSpec("c-window", dir, List.of("sleep", "1000"), Map.of(), null, "h"));

    f.start();

    f.awaitStates("web.1", TaskState.TASK_RUNNING);
    assertThat(f.runtime.signals("c-window")).as("adopted, not killed as an orphan").isEmpty();
    f.runtime.exit("c-window", ExitStatus.exited(0));
    f.awaitStates("web.1", TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
    await().atMost(WAIT).until(() -> f.runtime.list().isEmpty());
  }

  @Test
  void anAgentKilledBeforeTheContainerGotStartedFailsTheTask() {
    f = new AgentFixture(dir).start();
    f.stop();
    stagedOnly("web.1", "c-never");

    f.start();

    f.awaitStates("web.1", TaskState.TASK_FAILED);
    assertThat(f.master.updatesOf("web.1").getLast().message()).contains("stopped while launching");
    assertThat(f.runtime.started()).isEmpty();
  }

  /** What the disk holds when the agent dies after the task's first checkpoint, before TASK_RUNNING. */
  private void stagedOnly(String taskId, String containerId) {
    Checkpoint checkpoint = Checkpoint.open(f.config().checkpointDir());
    TaskInfo launched = task(taskId, "serve");
    TaskInfo info = new TaskInfo(taskId, taskId, AgentFixture.FRAMEWORK.id(), checkpoint.agentId(),
        launched.resources(), launched.command(), launched.portNames(), launched.labels(), 0);
    checkpoint.saveTask(CheckpointedTask.staged(info, AgentFixture.FRAMEWORK, containerId));
  }

  /**
   * Also what an agent killed after it started a container but before it checkpointed the task finds: the master
   * launches the task again (MasterModuleTest).
   */
  @Test
  void orphanContainersAreKilledAndRemoved() {
    f = new AgentFixture(dir);
    f.runtime.start(new ContainerSpec("orphan-1", dir, List.of("sleep", "1000"), Map.of(), null, "h"));

    f.start();

    await().atMost(WAIT).until(() -> !f.runtime.list().contains("orphan-1"));
    assertThat(f.runtime.signals("orphan-1")).containsExactly(9);
  }

  @Test
  void updatesNotAcknowledgedBeforeARestartAreSentAfterIt() {
    f = new AgentFixture(dir).start();
    f.master.acknowledge(false);
    String container = runningTask("web.1");
    f.runtime.exit(container, ExitStatus.exited(0));
    f.awaitStates("web.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
    f.stop();
    List<String> uuids = f.master.updatesOf("web.1").stream().map(TaskStatus::uuid).toList();

    f.master.acknowledge(true);
    f.start();

    await().atMost(WAIT).until(() -> f.agent.pendingUpdates() == 0);
    assertThat(f.master.updatesOf("web.1")).extracting(TaskStatus::uuid).containsExactlyElementsOf(uuids);
    assertThat(f.master.registrations().getLast().tasks()).extracting(t -> t.state())
        .containsExactly(TaskState.TASK_FINISHED);
  }

  @Test
  void aKillUnderWayWhenTheAgentStoppedIsFinishedAfterTheRestart() {
    f = new AgentFixture(dir).start();
    f.runtime.ignoreSigterm(true);
    String container = runningTask("stubborn.1");
    f.master.acknowledge(false);
    f.kill("stubborn.1", 60.0);
    f.awaitStates("stubborn.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_KILLING);
    f.stop();
    f.master.acknowledge(true);

    f.start();

    await().atMost(WAIT).until(() -> f.runtime.signals(container).size() >= 2);
    assertThat(f.runtime.signals(container).getLast()).isEqualTo(15);
    f.runtime.exit(container, ExitStatus.signalled(9));
    f.awaitStates("stubborn.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_KILLING,
        TaskState.TASK_KILLED);
  }
}

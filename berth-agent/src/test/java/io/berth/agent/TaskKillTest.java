package io.berth.agent;

import static io.berth.agent.AgentFixture.WAIT;
import static io.berth.agent.AgentFixture.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.berth.agent.runtime.ExitStatus;
import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskKillTest {
  @TempDir Path dir;
  AgentFixture f;

  @BeforeEach
  void start() {
    f = new AgentFixture(dir).start();
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void killSendsSigtermAndEndsKilled() {
    f.launch(task("web.1", "serve"));
    f.awaitStates("web.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    String container = f.containerOf("web.1").id();

    f.kill("web.1", null);

    f.awaitStates("web.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_KILLING,
        TaskState.TASK_KILLED);
    assertThat(f.runtime.signals(container)).containsExactly(15);
    await().atMost(WAIT).until(() -> !f.runtime.list().contains(container));
    assertThat(f.master.updatesOf("web.1").getLast().exitCode()).isEqualTo(143);
  }

  @Test
  void aContainerThatIgnoresSigtermGetsSigkillAfterTheGracePeriod() {
    f.runtime.ignoreSigterm(true);
    f.launch(task("stubborn.1", "trap '' TERM; serve"));
    f.awaitStates("stubborn.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    String container = f.containerOf("stubborn.1").id();

    f.kill("stubborn.1", 0.1);

    f.awaitStates("stubborn.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_KILLING,
        TaskState.TASK_KILLED);
    assertThat(f.master.updatesOf("stubborn.1").getLast().exitCode()).isEqualTo(137);
    assertThat(f.runtime.signals(container)).containsExactly(15, 9);
  }

  @Test
  void aKillWhileTheContainerIsStartingEndsKilledWithoutRunning() {
    f.runtime.pauseStarts(true);
    f.launch(task("slow.1", "serve"));
    f.awaitStates("slow.1", TaskState.TASK_STARTING);

    f.kill("slow.1", 5.0);
    f.awaitStates("slow.1", TaskState.TASK_STARTING, TaskState.TASK_KILLING);
    f.runtime.pauseStarts(false);

    f.awaitStates("slow.1", TaskState.TASK_STARTING, TaskState.TASK_KILLING, TaskState.TASK_KILLED);
    assertThat(f.runtime.signals(f.containerOf("slow.1").id())).containsExactly(15);
  }

  @Test
  void stopAllTasksKillsEveryTaskAndWaitsForTheirFinalUpdates() {
    f.runtime.ignoreSigterm(true);
    f.launch(task("a.1", "serve"), task("b.1", "serve"));
    f.awaitStates("a.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    f.awaitStates("b.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);

    f.agent.stopAllTasks(java.time.Duration.ofSeconds(10));

    assertThat(f.master.statesOf("a.1")).endsWith(TaskState.TASK_KILLING, TaskState.TASK_KILLED);
    assertThat(f.master.statesOf("b.1")).endsWith(TaskState.TASK_KILLING, TaskState.TASK_KILLED);
    assertThat(f.agent.pendingUpdates()).isZero();
    // a framework replacing the killed tasks gets no launch on an agent that is stopping (the master drops the task)
    assertThatThrownBy(() -> f.launch(task("replacement.1", "serve"))).isInstanceOfSatisfying(
        io.berth.client.ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
    assertThat(f.runtime.list()).isEmpty();
  }

  @Test
  void theTasksOwnGracePeriodAppliesWhenTheKillDoesNotGiveOne() {
    f.runtime.ignoreSigterm(true);
    TaskInfo quick = new TaskInfo("quick.1", null, null, null, Resources.of(0.1, 16), CommandInfo.shell("serve"),
        List.of(), Map.of(), 0.05);
    f.launch(quick);
    f.awaitStates("quick.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);

    f.kill("quick.1", null);

    f.awaitStates("quick.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_KILLING,
        TaskState.TASK_KILLED);
  }

  @Test
  void killingATaskThatEndedIsAcceptedAndChangesNothing() {
    f.launch(task("job.1", "true"));
    f.awaitStates("job.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    f.runtime.exit(f.containerOf("job.1").id(), ExitStatus.exited(0));
    f.awaitStates("job.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
    f.master.acknowledge(false);

    f.kill("job.1", null);

    assertThat(f.master.statesOf("job.1"))
        .containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
  }
}

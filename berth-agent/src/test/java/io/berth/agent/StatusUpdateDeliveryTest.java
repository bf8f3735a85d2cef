package io.berth.agent;

import static io.berth.agent.AgentFixture.WAIT;
import static io.berth.agent.AgentFixture.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.agent.runtime.ExitStatus;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusUpdateDeliveryTest {
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
  void updatesNotAcknowledgedAreKeptOnDiskAndResentInOrder() throws Exception {
    f.master.acknowledge(false);

    f.launch(task("web.1", "serve"));
    f.awaitStates("web.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    String starting = f.master.updatesOf("web.1").getFirst().uuid();
    await().atMost(WAIT).until(() -> f.master.received().stream().filter(s -> s.uuid().equals(starting)).count() >= 3);

    assertThat(f.agent.pendingUpdates()).isEqualTo(2);
    try (var files = Files.list(dir.resolve("checkpoint/updates"))) {
      assertThat(files).hasSize(2);
    }
    assertEveryRoundKeepsTheOrder(f.master.batches(), "web.1");

    f.master.acknowledge(true);

    await().atMost(WAIT).until(() -> f.agent.pendingUpdates() == 0);
    try (var files = Files.list(dir.resolve("checkpoint/updates"))) {
      assertThat(files).isEmpty();
    }
    assertThat(f.master.statesOf("web.1")).containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
  }

  /** A container that takes longer than the hold: TASK_STARTING goes first, alone (StatusUpdateSenderTest). */
  @Test
  void startingGoesAloneWhenTheContainerTakesLongerThanTheHold() {
    f.runtime.pauseStarts(true);
    f.launch(task("web.1", "serve"));

    f.awaitStates("web.1", TaskState.TASK_STARTING);
    f.runtime.pauseStarts(false);
    f.awaitStates("web.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
  }

  @Test
  void aKillDuringTheHoldSendsStartingFirst() {
    f.runtime.pauseStarts(true);
    f.launch(task("web.1", "serve"));
    await().atMost(WAIT).until(() -> f.agent.pendingUpdates() == 1);

    f.kill("web.1", null);

    f.awaitStates("web.1", TaskState.TASK_STARTING, TaskState.TASK_KILLING);
    f.runtime.pauseStarts(false);
  }

  @Test
  void updatesMadeWhileTheMasterIsGoneAreDeliveredAfterRegistration() {
    f.launch(task("web.1", "serve"));
    f.awaitStates("web.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    f.leader.set(null);
    await().atMost(WAIT).until(() -> !f.agent.registered());

    f.runtime.exit(f.containerOf("web.1").id(), ExitStatus.exited(0));
    await().atMost(WAIT).until(() -> f.agent.pendingUpdates() == 1);
    f.leader.set(f.master.url());

    f.awaitStates("web.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
    await().atMost(WAIT).until(() -> f.agent.pendingUpdates() == 0);
  }

  @Test
  void anEndedTaskWhoseUpdatesAreAcknowledgedLeavesTheCheckpoint() {
    f.launch(task("job.1", "true"));
    f.awaitStates("job.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);

    f.runtime.exit(f.containerOf("job.1").id(), ExitStatus.exited(0));

    f.awaitStates("job.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
    await().atMost(WAIT).until(() -> !Files.exists(dir.resolve("checkpoint/tasks/task-job.1.json")));
    await().atMost(WAIT).until(() -> f.agent.state().frameworks().getFirst().completedExecutors().size() == 1);
  }

  @Test
  void theMasterForgettingTheAgentDuringDeliveryLeadsToRegistrationAndResend() {
    f.master.acknowledge(false);
    f.launch(task("web.1", "serve"));
    f.awaitStates("web.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    int registrations = f.master.registrations().size();

    f.master.forget("agent-1");
    f.master.acknowledge(true);

    await().atMost(WAIT).until(() -> f.master.registrations().size() > registrations && f.agent.pendingUpdates() == 0);
    assertThat(f.master.statesOf("web.1")).containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
  }

  /** Every request carries the task's pending updates oldest first (nothing acknowledged, so from STARTING). */
  private static void assertEveryRoundKeepsTheOrder(List<List<TaskStatus>> batches, String taskId) {
    for (List<TaskStatus> batch : batches) {
      List<TaskState> states = batch.stream().filter(s -> s.taskId().equals(taskId)).map(TaskStatus::state).toList();
      assertThat(states).isIn(List.of(TaskState.TASK_STARTING),
          List.of(TaskState.TASK_STARTING, TaskState.TASK_RUNNING));
    }
  }
}

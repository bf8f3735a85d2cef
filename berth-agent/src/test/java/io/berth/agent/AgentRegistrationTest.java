package io.berth.agent;

import static io.berth.agent.AgentFixture.WAIT;
import static io.berth.agent.AgentFixture.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.api.agent.RegisterAgent;
import io.berth.api.cluster.TaskState;
import io.berth.testkit.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentRegistrationTest {
  @TempDir Path dir;
  AgentFixture f;

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void firstRegistrationHasNoIdAndTheGivenIdIsCheckpointed() throws Exception {
    f = new AgentFixture(dir).start();

    RegisterAgent first = f.master.registrations().getFirst();
    assertThat(first.agent().id()).isNull();
    assertThat(first.agent().hostname()).isEqualTo("agent-host");
    assertThat(first.agent().url()).isEqualTo(f.url());
    assertThat(first.agent().resources()).isEqualTo(AgentFixture.AGENT_RESOURCES);
    assertThat(f.agent.agentId()).isEqualTo("agent-1");
    assertThat(Files.readString(dir.resolve("checkpoint/agent.json"))).contains("agent-1");
    await().atMost(WAIT).until(() -> f.master.heartbeatCount() >= 3);
  }

  @Test
  void restartRegistersAgainWithTheSameIdAndItsTasks() {
    f = new AgentFixture(dir).start();
    f.launch(task("web.1", "sleep 1000"));
    f.awaitStates("web.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);

    f.restart();

    RegisterAgent again = f.master.registrations().getLast();
    assertThat(again.agent().id()).isEqualTo("agent-1");
    assertThat(again.tasks()).singleElement().satisfies(t -> {
      assertThat(t.task().id()).isEqualTo("web.1");
      assertThat(t.state()).isEqualTo(TaskState.TASK_RUNNING);
    });
    assertThat(f.agent.agentId()).isEqualTo("agent-1");
  }

  @Test
  void heartbeatAnswered404RegistersAgainWithTheSameId() {
    f = new AgentFixture(dir).start();
    int before = f.master.registrations().size();

    f.master.forget("agent-1");

    await().atMost(WAIT).until(() -> f.master.registrations().size() > before && f.agent.registered());
    assertThat(f.master.registrations().getLast().agent().id()).isEqualTo("agent-1");
    assertThat(f.agent.agentId()).isEqualTo("agent-1");
  }

  @Test
  void registrationAnswered409KillsAndForgetsEverythingAndRegistersAsANewAgent() throws Exception {
    f = new AgentFixture(dir).start();
    f.launch(task("web.1", "sleep 1000"));
    f.awaitStates("web.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    String container = f.containerOf("web.1").id();

    f.master.removeAgent("agent-1");

    await().atMost(WAIT).until(() -> "agent-2".equals(f.agent.agentId()) && f.agent.registered());
    RegisterAgent asNew = f.master.registrations().getLast();
    assertThat(asNew.agent().id()).isNull();
    assertThat(asNew.tasks()).isEmpty();
    await().atMost(WAIT).until(() -> !f.runtime.list().contains(container));
    try (var files = Files.list(dir.resolve("checkpoint/tasks"))) {
      assertThat(files).isEmpty();
    }
    assertThat(f.agent.pendingUpdates()).isZero();
    assertThat(f.agent.state().frameworks()).isEmpty();
  }

  @Test
  void unavailableMasterIsRetriedWithBackoff() {
    f = new AgentFixture(dir);
    f.master.answerUnavailable(3);

    f.start();

    assertThat(f.master.registrations()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(f.agent.agentId()).isEqualTo("agent-1");
  }

  @Test
  void unreachableMasterIsRetriedUntilTheLeaderChanges() {
    f = new AgentFixture(dir);
    f.leader.set("http://127.0.0.1:" + FreePorts.next());
    f.agent = new AgentModule(f.config(), f.runtime, f.leader, f.clock, f.ids);
    f.agent.start();
    assertThat(f.agent.registered()).isFalse();

    f.leader.set(f.master.url());

    await().atMost(WAIT).until(f.agent::registered);
    assertThat(f.agent.agentId()).isEqualTo("agent-1");
  }

  @Test
  void followsANewLeaderWithTheSameIdAndTasks() {
    f = new AgentFixture(dir).start();
    f.launch(task("web.1", "sleep 1000"));
    f.awaitStates("web.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);

    try (FakeMaster second = new FakeMaster(50)) {
      f.leader.set(second.url());

      await().atMost(WAIT).until(() -> !second.registrations().isEmpty() && f.agent.registered());
      RegisterAgent moved = second.registrations().getFirst();
      assertThat(moved.agent().id()).isEqualTo("agent-1");
      assertThat(moved.tasks()).extracting(t -> t.task().id()).containsExactly("web.1");
      await().atMost(WAIT).until(() -> second.heartbeatCount() >= 2);
    }
  }

  @Test
  void withoutALeaderTheAgentWaits() {
    f = new AgentFixture(dir).start();

    f.leader.set(null);

    await().atMost(WAIT).until(() -> !f.agent.registered());
    f.leader.set(f.master.url());
    await().atMost(WAIT).until(f.agent::registered);
  }
}

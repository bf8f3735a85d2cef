package io.berth.agent;

import static io.berth.agent.AgentFixture.WAIT;
import static io.berth.agent.AgentFixture.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.ExitStatus;
import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.PortRange;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.api.cluster.TaskStatus.Reason;
import io.berth.api.cluster.TaskStatus.Source;
import io.berth.client.ApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskLaunchTest {
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
  void launchReportsStartingThenRunningAndGivesTheTaskItsEnvironment() {
    TaskInfo web = new TaskInfo("web.instance-1._app.1", "web", null, null,
        new Resources(0.5, 64, 0, 0, PortRanges.of(new PortRange(31005, 31006), new PortRange(31001, 31001))),
        new CommandInfo(true, "./serve", List.of(), Map.of("GREETING", "hi"), null, List.of()),
        List.of("http", "admin-api", "metrics"), Map.of(), 0);

    f.launch(web);

    f.awaitStates(web.id(), TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    ContainerSpec spec = f.containerOf(web.id());
    Path sandbox = dir.resolve("sandboxes").resolve(web.id());
    assertThat(spec.sandbox()).isEqualTo(sandbox);
    assertThat(sandbox).isDirectory();
    assertThat(spec.argv()).containsExactly("/bin/sh", "-c", "./serve");
    assertThat(spec.limits()).isEqualTo(new ContainerSpec.Limits(0.5, 64, ContainerSpec.Limits.DEFAULT_PIDS));
    assertThat(spec.hostname()).isEqualTo("agent-host");
    assertThat(spec.env())
        .containsEntry("PORT0", "31001").containsEntry("PORT1", "31005").containsEntry("PORT2", "31006")
        .containsEntry("PORT", "31001").containsEntry("PORTS", "31001,31005,31006")
        .containsEntry("PORT_HTTP", "31001").containsEntry("PORT_ADMIN_API", "31005")
        .containsEntry("PORT_METRICS", "31006")
        .containsEntry("MESOS_SANDBOX", sandbox.toString()).containsEntry("HOST", "127.0.0.1")
        .containsEntry("MESOS_TASK_ID", web.id()).containsEntry("MESOS_EXECUTOR_ID", web.id())
        .containsEntry("MESOS_FRAMEWORK_ID", "fw-1").containsEntry("MESOS_AGENT_ID", "agent-1")
        .containsEntry("GREETING", "hi");

    List<TaskStatus> updates = f.master.updatesOf(web.id());
    assertThat(updates).allSatisfy(s -> {
      assertThat(s.uuid()).isNotBlank();
      assertThat(s.timestamp()).isEqualTo(f.clock.instant());
      assertThat(s.agentId()).isEqualTo("agent-1");
      assertThat(s.frameworkId()).isEqualTo("fw-1");
      assertThat(s.containerId()).isEqualTo(spec.id());
      assertThat(s.source()).isEqualTo(Source.SOURCE_EXECUTOR);
    });
    assertThat(updates).extracting(TaskStatus::uuid).doesNotHaveDuplicates();
  }

  @Test
  void exitZeroFinishesAndTheContainerIsRemoved() {
    f.launch(task("job.1", "true"));
    String container = f.containerOf("job.1").id();
    f.awaitStates("job.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);

    f.runtime.exit(container, ExitStatus.exited(0));

    f.awaitStates("job.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
    assertThat(f.master.updatesOf("job.1").getLast().exitCode()).isZero();
    await().atMost(WAIT).until(() -> !f.runtime.list().contains(container));
    assertThat(dir.resolve("sandboxes/job.1")).isDirectory();
  }

  @Test
  void nonZeroExitFailsWithTheExitCodeInTheMessage() {
    f.launch(task("job.2", "exit 3"));
    String container = f.containerOf("job.2").id();
    f.awaitStates("job.2", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);

    f.runtime.exit(container, ExitStatus.exited(3));

    f.awaitStates("job.2", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FAILED);
    TaskStatus failed = f.master.updatesOf("job.2").getLast();
    assertThat(failed.reason()).isEqualTo(Reason.REASON_COMMAND_EXECUTOR_FAILED);
    assertThat(failed.message()).contains("exited with status 3");
    assertThat(failed.exitCode()).isEqualTo(3);
  }

  @Test
  void outOfMemoryFailsWithTheMemoryReasonAndTheLimit() {
    f.launch(task("hog.1", "eat-memory"));
    String container = f.containerOf("hog.1").id();
    f.awaitStates("hog.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);

    f.runtime.exit(container, new ExitStatus(137, 9, true, null));

    f.awaitStates("hog.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FAILED);
    TaskStatus failed = f.master.updatesOf("hog.1").getLast();
    assertThat(failed.reason()).isEqualTo(Reason.REASON_CONTAINER_LIMITATION_MEMORY);
    assertThat(failed.message()).contains("Memory limit exceeded").contains("64MB");
  }

  @Test
  void aContainerThatCannotStartFailsWithTheLaunchReason() {
    f.runtime.failStarts("no such image");

    f.launch(task("broken.1", "true"));

    f.awaitStates("broken.1", TaskState.TASK_STARTING, TaskState.TASK_FAILED);
    TaskStatus failed = f.master.updatesOf("broken.1").getLast();
    assertThat(failed.reason()).isEqualTo(Reason.REASON_CONTAINER_LAUNCH_FAILED);
    assertThat(failed.source()).isEqualTo(Source.SOURCE_AGENT);
    assertThat(failed.message()).contains("no such image");
  }

  @Test
  void aCommandWithoutShellRunsTheExecutableWithItsArguments() {
    TaskInfo echo = new TaskInfo("echo_1", null, null, null, Resources.of(0.1, 16),
        new CommandInfo(false, "/bin/echo", List.of("echo", "hello", "world"), Map.of(), null, List.of()),
        List.of(), Map.of(), 0);

    f.launch(echo);

    assertThat(f.containerOf("echo_1").argv()).containsExactly("/bin/echo", "hello", "world");
  }

  @Test
  void severalTasksInOneLaunchEachGetAContainer() {
    f.launch(task("a-1", "true"), task("b-1", "true"));

    f.awaitStates("a-1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    f.awaitStates("b-1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    assertThat(f.containerOf("a-1").id()).isNotEqualTo(f.containerOf("b-1").id());
  }

  @Test
  void aRetriedLaunchIsIgnoredAndAnotherDefinitionUnderTheSameIdIsAConflict() {
    f.launch(task("web.1", "serve"));
    f.awaitStates("web.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);

    f.launch(task("web.1", "serve"));
    assertThatThrownBy(() -> f.launch(task("web.1", "something else")))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(409);
          assertThat(e.body()).contains("web.1").contains("already exists");
        });

    assertThat(f.runtime.started()).hasSize(1);
    assertThat(f.master.statesOf("web.1")).containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
  }

  @Test
  void theCheckpointHoldsTheTaskWithItsFrameworkAndState() throws Exception {
    f.launch(task("web.1", "serve"));
    f.awaitStates("web.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);

    // TASK_RUNNING travels while the agent writes it: the master may have it a moment before the checkpoint does
    String checkpointed = await().atMost(WAIT).until(() -> Files.readString(dir.resolve("checkpoint/tasks/task-web.1.json")),
        c -> c.contains("TASK_RUNNING"));

    assertThat(checkpointed).contains("\"marathon\"").contains("TASK_RUNNING").contains(f.containerOf("web.1").id());
    assertThat(Arrays.asList(dir.resolve("checkpoint").toFile().list())).contains("agent.json", "tasks", "updates");
  }
}

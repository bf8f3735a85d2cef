package io.berth.agent;

import static io.berth.agent.AgentFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.ExitStatus;
import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskGroupInfo;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.VolumeMount;
import io.berth.client.ApiException;
import io.berth.common.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task groups (pod instances) on one agent with the fake runtime: sandbox layout, volumes, sibling kills, recovery. */
class TaskGroupTest {
  static final Resources EXECUTOR = new Resources(0.1, 32, 10, 0, PortRanges.NONE);
  @TempDir Path dir;
  AgentFixture f;

  @AfterEach
  void close() {
    f.close();
  }

  static TaskInfo member(String executorId, String name, VolumeMount... mounts) {
    return new TaskInfo(executorId + "." + name, name, null, null, new Resources(0.2, 32, 0, 0, PortRanges.NONE),
        CommandInfo.shell("serve"), List.of(), Map.of(), 0, null,
        new TaskGroupInfo(executorId, EXECUTOR, List.of(mounts)));
  }

  @Test
  void aGroupSharesOneExecutorSandboxAndItsEphemeralVolumes() {
    f = new AgentFixture(dir).start();
    f.launch(member("pod.instance-1", "writer", new VolumeMount("shared", null, "/data", false)),
        member("pod.instance-1", "web", new VolumeMount("shared", null, "site", true)));
    f.awaitStates("pod.instance-1.writer", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    f.awaitStates("pod.instance-1.web", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);

    ContainerSpec writer = f.containerOf("pod.instance-1.writer");
    ContainerSpec web = f.containerOf("pod.instance-1.web");
    Path run = writer.sandbox().getParent().getParent();
    assertThat(run.getParent().getParent().getFileName().toString()).isEqualTo("pod.instance-1");
    assertThat(run.getParent().getParent().getParent().getFileName().toString()).isEqualTo("executors");
    assertThat(web.sandbox().getParent().getParent()).isEqualTo(run);
    assertThat(writer.sandbox().getFileName().toString()).isEqualTo("pod.instance-1.writer");
    Path volume = run.resolve("volumes/shared");
    assertThat(Files.isDirectory(volume)).isTrue();
    assertThat(writer.mounts()).containsExactly(new ContainerSpec.Mount("shared", volume, "/data", false));
    assertThat(web.mounts()).containsExactly(new ContainerSpec.Mount("shared", volume, "site", true));
    assertThat(web.mounts().getFirst().destination()).isEqualTo("/mnt/mesos/sandbox/site");
    assertThat(writer.env()).containsEntry("MESOS_EXECUTOR_ID", "pod.instance-1")
        .containsEntry("MESOS_TASK_ID", "pod.instance-1.writer");

    JsonNode state = Json.tree(f.get("/state").body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    JsonNode executors = state.path("frameworks").get(0).path("executors");
    assertThat(executors).hasSize(1);
    assertThat(executors.get(0).path("id").asText()).isEqualTo("pod.instance-1");
    assertThat(executors.get(0).path("directory").asText()).isEqualTo(run.toString());
    assertThat(executors.get(0).path("tasks")).hasSize(2);
    assertThat(executors.get(0).path("resources").path("mem").asDouble()).isEqualTo(32);
  }

  @Test
  void aFailedTaskKillsItsSiblingsButAFinishedOneDoesNot() {
    f = new AgentFixture(dir).start();
    f.launch(member("p.instance-2", "a"), member("p.instance-2", "b"), member("p.instance-2", "c"));
    for (String t : List.of("a", "b", "c")) {
      f.awaitStates("p.instance-2." + t, TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    }

    f.runtime.exit(f.containerOf("p.instance-2.a").id(), ExitStatus.exited(0));
    f.awaitStates("p.instance-2.a", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
    f.runtime.exit(f.containerOf("p.instance-2.b").id(), ExitStatus.exited(3));

    f.awaitStates("p.instance-2.b", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FAILED);
    f.awaitStates("p.instance-2.c", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_KILLING,
        TaskState.TASK_KILLED);
    assertThat(f.master.statesOf("p.instance-2.a")).endsWith(TaskState.TASK_FINISHED);
  }

  @Test
  void aKilledTaskEndsTheWholeGroup() {
    f = new AgentFixture(dir).start();
    f.launch(member("p.instance-3", "a"), member("p.instance-3", "b"));
    f.awaitStates("p.instance-3.b", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);

    f.kill("p.instance-3.a", null);

    f.awaitStates("p.instance-3.b", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_KILLING,
        TaskState.TASK_KILLED);
    await().atMost(WAIT).until(() -> f.runtime.list().isEmpty());
  }

  @Test
  void aRestartedAgentKeepsItsGroupsAndStillEndsThemTogether() {
    f = new AgentFixture(dir).start();
    f.launch(member("p.instance-4", "a"), member("p.instance-4", "b"));
    f.awaitStates("p.instance-4.b", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    String a = f.containerOf("p.instance-4.a").id();

    f.restart();
    JsonNode state = Json.tree(f.get("/state").body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(state.path("frameworks").get(0).path("executors").get(0).path("id").asText()).isEqualTo("p.instance-4");
    f.runtime.exit(a, ExitStatus.exited(1));

    f.awaitStates("p.instance-4.b", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_KILLING,
        TaskState.TASK_KILLED);
    assertThat(f.runtime.started()).hasSize(2);
  }

  @Test
  void badGroupsAreRefusedWholeAndNothingStarts() {
    f = new AgentFixture(dir).start();
    TaskInfo good = member("p.instance-5", "a");
    TaskInfo badVolume = member("p.instance-5", "b", new VolumeMount("v", null, "../escape", false));
    assertThatThrownBy(() -> f.launch(good, badVolume)).isInstanceOf(ApiException.class)
        .hasMessageContaining("container path without '..'");
    TaskInfo relativeHost = member("p.instance-5", "c", new VolumeMount("v", "etc", "/etc2", true));
    assertThatThrownBy(() -> f.launch(good, relativeHost)).isInstanceOf(ApiException.class)
        .hasMessageContaining("absolute host path");
    TaskInfo badExecutor = new TaskInfo("ok.d", "d", null, null, good.resources(), good.command(), List.of(), Map.of(),
        0, null, new TaskGroupInfo("bad/executor", EXECUTOR, List.of()));
    assertThatThrownBy(() -> f.launch(badExecutor)).isInstanceOf(ApiException.class)
        .hasMessageContaining("invalid executor id");
    assertThat(f.runtime.started()).isEmpty();
    assertThat(f.master.statesOf("p.instance-5.a")).isEmpty();
  }
}

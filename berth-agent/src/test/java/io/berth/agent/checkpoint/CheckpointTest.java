package io.berth.agent.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.FrameworkInfo;
import io.berth.api.cluster.PortRange;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir Path dir;

  private static TaskStatus status(String task, TaskState state, String uuid) {
    return new TaskStatus(task, "fw", "agent", state, null, TaskStatus.Source.SOURCE_EXECUTOR, null,
        Instant.parse("2026-01-01T00:00:00Z"), uuid, null, "c-" + task, null);
  }

  @Test
  void theAgentIdSurvivesReopeningAndCanBeForgotten() {
    Checkpoint checkpoint = Checkpoint.open(dir);
    assertThat(checkpoint.agentId()).isNull();

    checkpoint.saveAgentId("agent-7");
    assertThat(Checkpoint.open(dir).agentId()).isEqualTo("agent-7");

    checkpoint.clearAgentId();
    assertThat(Checkpoint.open(dir).agentId()).isNull();
  }

  @Test
  void tasksRoundTripWithEverythingRecoveryNeeds() {
    Checkpoint checkpoint = Checkpoint.open(dir);
    TaskInfo info = new TaskInfo("web.1", "web", "fw", "agent", new Resources(0.5, 64, 1, 0,
        PortRanges.of(new PortRange(31000, 31002))), CommandInfo.shell("serve"), List.of("http"), Map.of("a", "b"), 2);
    FrameworkInfo framework = new FrameworkInfo("fw", "marathon", "root", "*", 0, true, null, null, null, List.of());
    CheckpointedTask task = CheckpointedTask.staged(info, framework, "c-1")
        .withStatus(status("web.1", TaskState.TASK_RUNNING, "u1")).withKillRequested(1.5);

    checkpoint.saveTask(task);

    assertThat(Checkpoint.open(dir).loadTasks()).containsExactly(task);
    checkpoint.deleteTask("web.1");
    assertThat(Checkpoint.open(dir).loadTasks()).isEmpty();
  }

  @Test
  void pendingUpdatesKeepTheirOrderAcrossReopeningAndLeaveOnlyWhenAcknowledged() {
    UpdateLog log = Checkpoint.open(dir).updates();
    log.append(status("a", TaskState.TASK_STARTING, "u1"));
    log.append(status("b", TaskState.TASK_STARTING, "u2"));
    log.append(status("a", TaskState.TASK_RUNNING, "u3"));

    UpdateLog reopened = Checkpoint.open(dir).updates();
    assertThat(reopened.all()).extracting(TaskStatus::uuid).containsExactly("u1", "u2", "u3");
    assertThat(reopened.pending(2)).extracting(TaskStatus::uuid).containsExactly("u1", "u2");

    assertThat(reopened.remove(List.of("u2", "unknown"))).extracting(TaskStatus::uuid).containsExactly("u2");
    assertThat(reopened.hasPending("b")).isFalse();
    reopened.append(status("b", TaskState.TASK_RUNNING, "u4"));

    assertThat(Checkpoint.open(dir).updates().all()).extracting(TaskStatus::uuid).containsExactly("u1", "u3", "u4");
  }

  @Test
  void leftoverTempFilesFromACrashAreIgnored() throws Exception {
    Checkpoint checkpoint = Checkpoint.open(dir);
    checkpoint.updates().append(status("a", TaskState.TASK_STARTING, "u1"));
    Files.writeString(dir.resolve("updates/" + AtomicFiles.TEMP_PREFIX + "00000000000000000002.json"), "{\"half");
    Files.writeString(dir.resolve("tasks/" + AtomicFiles.TEMP_PREFIX + "task-x.json"), "{\"half");

    Checkpoint reopened = Checkpoint.open(dir);

    assertThat(reopened.updates().all()).extracting(TaskStatus::uuid).containsExactly("u1");
    assertThat(reopened.loadTasks()).isEmpty();
    try (var files = Files.list(dir.resolve("updates"))) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void aCorruptTaskFileStopsRecoveryLoudly() throws Exception {
    Checkpoint checkpoint = Checkpoint.open(dir);
    Files.writeString(dir.resolve("tasks/task-web.1.json"), "{broken");

    assertThatThrownBy(checkpoint::loadTasks).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("task-web.1.json");
  }

  @Test
  void atomicWritesReplaceTheWholeFile() throws Exception {
    Path file = dir.resolve("f.json");
    AtomicFiles.write(file, "a much longer first version".getBytes());
    AtomicFiles.write(file, "short".getBytes());

    assertThat(Files.readString(file)).isEqualTo("short");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }
}

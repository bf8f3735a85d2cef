package io.berth.state.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.cluster.AgentInfo;
import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.FrameworkInfo;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskGroupInfo;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.api.cluster.VolumeMount;
import io.berth.state.record.AgentRecord;
import io.berth.state.record.ChangeRecord;
import io.berth.state.record.FrameworkRecord;
import io.berth.state.record.TaskRecord;
import io.berth.state.store.RecordCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A task group's executor holds its resources once, while any task of the group lives; groups survive the codec. */
class TaskGroupResourcesTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Resources EXECUTOR = new Resources(0.1, 32, 10, 0, PortRanges.NONE);

  static TaskInfo member(String id) {
    return new TaskInfo(id, id, "f1", "a1", Resources.of(0.5, 64), CommandInfo.shell("sleep 1"), List.of(), Map.of(), 3,
        null, new TaskGroupInfo("pod.instance-1", EXECUTOR, List.of(new VolumeMount("v", null, "v", false))));
  }

  static TaskStatus status(String id, TaskState state, String uuid) {
    return new TaskStatus(id, "f1", "a1", state, null, TaskStatus.Source.SOURCE_EXECUTOR, null, T0, uuid, null, null, null);
  }

  @Test
  void theExecutorIsCountedOnceUntilItsLastTaskEnds() {
    List<ChangeRecord> records = List.of(
        new AgentRecord.Registered(new AgentInfo("a1", "h", "127.0.0.2", 5051, Resources.of(4, 4096), Map.of(), null,
            "1"), T0),
        new FrameworkRecord.Registered(new FrameworkInfo("f1", "pods", "root", "*", 60, true, null, null, null,
            List.of()), T0),
        new TaskRecord.Launched(member("a"), status("a", TaskState.TASK_STAGING, "u1")),
        new TaskRecord.Launched(member("b"), status("b", TaskState.TASK_STAGING, "u2")));
    ClusterImage image = ClusterImage.EMPTY.apply(1, records);
    assertThat(image.usedByAgent().get("a1").mem()).isEqualTo(64 + 64 + 32);
    assertThat(image.usedByFramework().get("f1").cpus()).isEqualTo(1.1);

    image = image.apply(2, List.of(new TaskRecord.StatusUpdated(status("a", TaskState.TASK_FINISHED, "u3"))));
    assertThat(image.usedByAgent().get("a1").mem()).isEqualTo(64 + 32);
    image = image.apply(3, List.of(new TaskRecord.StatusUpdated(status("b", TaskState.TASK_KILLED, "u4"))));
    assertThat(image.usedByAgent().getOrDefault("a1", Resources.NONE).mem()).isZero();

    List<ChangeRecord> decoded = RecordCodec.decodeBatch(RecordCodec.encodeBatch(records));
    assertThat(decoded).isEqualTo(records);
  }
}

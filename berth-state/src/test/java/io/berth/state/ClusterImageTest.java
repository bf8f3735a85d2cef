package io.berth.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.cluster.AgentInfo;
import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.FrameworkInfo;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.state.image.ClusterImage;
import io.berth.state.record.AgentRecord;
import io.berth.state.record.ChangeRecord;
import io.berth.state.record.FrameworkRecord;
import io.berth.state.record.TaskRecord;
import io.berth.state.store.InMemoryStateStore;
import io.berth.state.store.RecordCodec;
import io.berth.state.store.StaleWriterException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterImageTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final AgentInfo AGENT = new AgentInfo("a1", "host1", "127.0.0.2", 5051,
      new Resources(2, 2048, 1000, 0, PortRanges.parse("[31000-31999]")), Map.of("rack", "r1"), null, "0.1");
  static final FrameworkInfo FRAMEWORK = new FrameworkInfo("f1", "test", "root", "*", 60, true, null, null, null, List.of());

  static TaskInfo task(String id) {
    return new TaskInfo(id, id, "f1", "a1", Resources.of(0.1, 32), CommandInfo.shell("sleep 1"), List.of(), Map.of(), 3);
  }

  static TaskStatus status(String taskId, TaskState state, String uuid, Instant at) {
    return new TaskStatus(taskId, "f1", "a1", state, null, TaskStatus.Source.SOURCE_EXECUTOR, null, at, uuid, null, null, null);
  }

  static List<ChangeRecord> history() {
    return List.of(
        new AgentRecord.Registered(AGENT, T0),
        new FrameworkRecord.Registered(FRAMEWORK, T0),
        new TaskRecord.Launched(task("t1"), status("t1", TaskState.TASK_STAGING, "u0", T0)),
        new TaskRecord.StatusUpdated(status("t1", TaskState.TASK_RUNNING, "u1", T0.plusSeconds(1))));
  }

  @Test
  void replayBuildsTheImage() {
    ClusterImage image = ClusterImage.EMPTY.apply(1, history());
    assertThat(image.offset()).isEqualTo(1);
    assertThat(image.agent("a1")).get().satisfies(a -> assertThat(a.reachable()).isTrue());
    assertThat(image.task("t1")).get().satisfies(t -> {
      assertThat(t.state()).isEqualTo(TaskState.TASK_RUNNING);
      assertThat(t.acknowledged()).isFalse();
    });
    ClusterImage acked = image.apply(2, List.of(new TaskRecord.StatusAcknowledged("t1", "u1")));
    assertThat(acked.task("t1").orElseThrow().acknowledged()).isTrue();
  }

  @Test
  void replayIsDeterministicAndSurvivesSerialisation() {
    ClusterImage direct = ClusterImage.EMPTY.apply(1, history());
    ClusterImage viaCodec = ClusterImage.EMPTY.apply(1, RecordCodec.decodeBatch(RecordCodec.encodeBatch(history())));
    assertThat(viaCodec).isEqualTo(direct);
    assertThat(RecordCodec.decodeImage(RecordCodec.encodeImage(direct))).isEqualTo(direct);
  }

  @Test
  void unreachableAndBackAndRemoved() {
    ClusterImage image = ClusterImage.EMPTY.apply(1, history())
        .apply(2, List.of(new AgentRecord.Unreachable("a1", T0.plusSeconds(20))));
    assertThat(image.agent("a1").orElseThrow().reachable()).isFalse();
    image = image.apply(3, List.of(new AgentRecord.Reregistered(AGENT, T0.plusSeconds(30))));
    assertThat(image.agent("a1").orElseThrow().reachable()).isTrue();
    assertThat(image.agent("a1").orElseThrow().registeredAt()).isEqualTo(T0);
    image = image.apply(4, List.of(new AgentRecord.Removed("a1", T0.plusSeconds(40))));
    assertThat(image.agents()).isEmpty();
  }

  @Test
  void removingAFrameworkCompletesItAndDropsItsTasks() {
    ClusterImage image = ClusterImage.EMPTY.apply(1, history())
        .apply(2, List.of(new FrameworkRecord.Removed("f1", T0.plusSeconds(5))));
    assertThat(image.frameworks()).isEmpty();
    assertThat(image.completedFrameworks()).singleElement().satisfies(f -> assertThat(f.removedAt()).isNotNull());
    assertThat(image.tasks()).isEmpty();
  }

  @Test
  void keepsABoundedNumberOfCompletedTasks() {
    List<ChangeRecord> records = new ArrayList<>(history());
    int n = ClusterImage.MAX_COMPLETED_TASKS_PER_FRAMEWORK + 5;
    for (int i = 0; i < n; i++) {
      String id = "done-" + i;
      records.add(new TaskRecord.Launched(task(id), status(id, TaskState.TASK_STAGING, "s" + i, T0)));
      records.add(new TaskRecord.StatusUpdated(status(id, TaskState.TASK_FINISHED, "f" + i, T0.plusSeconds(i))));
      records.add(new TaskRecord.StatusAcknowledged(id, "f" + i));
    }
    ClusterImage image = ClusterImage.EMPTY.apply(1, records);
    assertThat(image.tasks()).hasSize(ClusterImage.MAX_COMPLETED_TASKS_PER_FRAMEWORK + 1);
    assertThat(image.task("done-0")).isEmpty();
    assertThat(image.task("done-" + (n - 1))).isPresent();
    assertThat(image.task("t1")).isPresent();
  }

  @Test
  void inMemoryStoreRejectsStaleWritersAndReplaysAfterSnapshots() {
    InMemoryStateStore store = new InMemoryStateStore();
    store.append(0, history());
    assertThatThrownBy(() -> store.append(0, history())).isInstanceOf(StaleWriterException.class);
    ClusterImage one = store.load();
    store.snapshot(one);
    store.append(1, List.of(new TaskRecord.StatusAcknowledged("t1", "u1")));
    ClusterImage two = store.load();
    assertThat(two.offset()).isEqualTo(2);
    assertThat(two.task("t1").orElseThrow().acknowledged()).isTrue();
  }
}

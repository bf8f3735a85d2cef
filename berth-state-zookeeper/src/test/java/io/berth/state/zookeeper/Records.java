package io.berth.state.zookeeper;

import io.berth.api.cluster.AgentInfo;
import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.FaultDomain;
import io.berth.api.cluster.FrameworkInfo;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.state.record.AgentRecord;
import io.berth.state.record.ChangeRecord;
import io.berth.state.record.FrameworkRecord;
import io.berth.state.record.TaskRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Real change records for tests, built with the berth-api constructors. */
final class Records {
  static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
  static final String FRAMEWORK = "fw-marathon";
  static final String AGENT = "agent-1";

  private Records() {}

  static AgentRecord.Registered agentRegistered(String id, int second) {
    AgentInfo agent = new AgentInfo(id, "host-" + id, "10.0.0.7", 5051,
        new Resources(8, 16384, 100_000, 0, PortRanges.parse("[31000-32000]")), Map.of("rack", "r1"),
        new FaultDomain("eu-west", "eu-west-1a"), "0.1.0");
    return new AgentRecord.Registered(agent, T0.plusSeconds(second));
  }

  static FrameworkRecord.Registered frameworkRegistered(String id, int second) {
    FrameworkInfo framework = new FrameworkInfo(id, "marathon", "root", "slave_public", 604_800, true,
        "master-1", "http://master-1:8080", "marathon", List.of("PARTITION_AWARE"));
    return new FrameworkRecord.Registered(framework, T0.plusSeconds(second));
  }

  static TaskRecord.Launched launched(String taskId, Map<String, String> labels, int second) {
    TaskInfo task = new TaskInfo(taskId, "app." + taskId, FRAMEWORK, AGENT, Resources.of(0.1, 32),
        CommandInfo.shell("sleep 1000"), List.of("http"), labels, TaskInfo.DEFAULT_KILL_GRACE_SECONDS);
    return new TaskRecord.Launched(task, status(taskId, TaskState.TASK_STAGING, "uuid-" + taskId + "-0", second));
  }

  static TaskRecord.StatusUpdated updated(String taskId, TaskState state, String uuid, int second) {
    return new TaskRecord.StatusUpdated(status(taskId, state, uuid, second));
  }

  static TaskStatus status(String taskId, TaskState state, String uuid, int second) {
    return new TaskStatus(taskId, FRAMEWORK, AGENT, state, null, TaskStatus.Source.SOURCE_AGENT, null,
        T0.plusSeconds(second), uuid, null, "container-" + taskId, null);
  }

  /** A few batches that touch agents, frameworks and tasks, as a master would commit them. */
  static List<List<ChangeRecord>> someBatches() {
    return List.of(
        List.of(agentRegistered(AGENT, 1), frameworkRegistered(FRAMEWORK, 2)),
        List.of(launched("t1", Map.of("app", "web"), 3), launched("t2", Map.of(), 3)),
        List.of(updated("t1", TaskState.TASK_RUNNING, "uuid-t1-1", 4)),
        List.of(new TaskRecord.StatusAcknowledged("t1", "uuid-t1-1"),
            updated("t2", TaskState.TASK_FAILED, "uuid-t2-1", 5)),
        List.of(new AgentRecord.Unreachable(AGENT, T0.plusSeconds(6))));
  }

  /** {@code count} launches whose labels hold {@code randomChars} of incompressible text each. */
  static List<ChangeRecord> launches(String prefix, int count, int randomChars) {
    List<ChangeRecord> batch = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      batch.add(launched(prefix + i, randomChars == 0 ? Map.of() : Map.of("noise", noise(randomChars)), 10));
    }
    return batch;
  }

  static String noise(int chars) {
    StringBuilder sb = new StringBuilder(chars);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < chars; i++) {
      sb.append((char) ('!' + random.nextInt(90)));
    }
    return sb.toString();
  }
}

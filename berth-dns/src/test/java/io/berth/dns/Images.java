package io.berth.dns;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds cluster images and change records for DNS tests, the way the master records them. */
public final class Images {
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final List<ChangeRecord> records = new ArrayList<>();
  private long offset;

  public static AgentInfo agent(String id, String ip) {
    return new AgentInfo(id, ip, ip, 5051, new Resources(4, 4096, 0, 0, PortRanges.parse("[31000-32000]")), Map.of(),
        null, "test");
  }

  public static FrameworkInfo framework(String id, String name) {
    return new FrameworkInfo(id, name, "root", "*", 3600, true, null, null, null, List.of());
  }

  public static TaskInfo task(String id, String name, String frameworkId, String agentId, List<Long> ports,
      List<String> portNames, Map<String, String> labels) {
    return new TaskInfo(id, name, frameworkId, agentId, new Resources(0.1, 32, 0, 0, PortRanges.ofPorts(ports)),
        new CommandInfo(true, "sleep 1000", List.of(), Map.of(), null, List.of()), portNames, labels, 3);
  }

  public static TaskStatus status(TaskInfo task, TaskState state, int seq) {
    return new TaskStatus(task.id(), task.frameworkId(), task.agentId(), state, null, TaskStatus.Source.SOURCE_AGENT,
        null, T0.plusSeconds(seq), task.id() + "-" + seq, null, null, null);
  }

  public Images agent(AgentInfo agent) {
    records.add(new AgentRecord.Registered(agent, T0));
    return this;
  }

  public Images framework(FrameworkInfo framework) {
    records.add(new FrameworkRecord.Registered(framework, T0));
    return this;
  }

  /** Launches the task and makes it TASK_RUNNING. */
  public Images running(TaskInfo task) {
    return launched(task).state(task, TaskState.TASK_RUNNING);
  }

  public Images launched(TaskInfo task) {
    records.add(new TaskRecord.Launched(task, status(task, TaskState.TASK_STAGING, 0)));
    return this;
  }

  public Images state(TaskInfo task, TaskState state) {
    records.add(new TaskRecord.StatusUpdated(status(task, state, records.size() + 1)));
    return this;
  }

  public List<ChangeRecord> drain() {
    List<ChangeRecord> out = List.copyOf(records);
    records.clear();
    return out;
  }

  public ClusterImage applyTo(ClusterImage image) {
    return image.apply(++offset + image.offset(), drain());
  }

  public ClusterImage image() {
    return applyTo(ClusterImage.EMPTY);
  }
}

package io.berth.agent.api;

import io.berth.agent.checkpoint.CheckpointedTask;
import io.berth.agent.task.Sandboxes;
import io.berth.agent.task.TaskRunner;
import io.berth.api.cluster.AgentInfo;
import io.berth.api.cluster.FrameworkInfo;
import io.berth.api.cluster.TaskStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the agent's state in Mesos' JSON shape ({@link MesosAgentState}); pure. */
public final class AgentStateJson {
  /** The Mesos version the agent API is compatible with (what tools read from {@code version}). */
  public static final String MESOS_VERSION = "1.11.0";

  private AgentStateJson() {}

  public static MesosAgentState render(AgentInfo agent, String masterUrl, Instant startTime,
      TaskRunner.Snapshot snapshot, Sandboxes sandboxes) {
    Map<String, FrameworkInfo> frameworks = new LinkedHashMap<>();
    Map<String, List<MesosAgentState.Executor>> running = new LinkedHashMap<>();
    Map<String, List<MesosAgentState.Executor>> done = new LinkedHashMap<>();
    // one executor per plain task (Mesos' command executor), one per task group (the default executor)
    Map<String, List<CheckpointedTask>> activeExecutors = new LinkedHashMap<>();
    for (CheckpointedTask t : snapshot.active()) {
      frameworks.putIfAbsent(t.frameworkId(), t.framework());
      activeExecutors.computeIfAbsent(t.frameworkId() + "\n" + executorId(t), k -> new ArrayList<>()).add(t);
    }
    for (List<CheckpointedTask> group : activeExecutors.values()) {
      CheckpointedTask first = group.getFirst();
      boolean ended = group.stream().allMatch(CheckpointedTask::isTerminal);
      (ended ? done : running).computeIfAbsent(first.frameworkId(), k -> new ArrayList<>())
          .add(executor(group, agent.id(), sandboxes));
    }
    for (CheckpointedTask t : snapshot.completed()) {
      frameworks.putIfAbsent(t.frameworkId(), t.framework());
      done.computeIfAbsent(t.frameworkId(), k -> new ArrayList<>()).add(executor(List.of(t), agent.id(), sandboxes));
    }
    List<MesosAgentState.Framework> rendered = frameworks.entrySet().stream()
        .map(e -> new MesosAgentState.Framework(e.getKey(), e.getValue().name(), e.getValue().user(),
            e.getValue().role(), e.getValue().hostname(), running.getOrDefault(e.getKey(), List.of()),
            done.getOrDefault(e.getKey(), List.of())))
        .toList();
    MesosAgentState.Domain domain = agent.domain() == null ? null
        : new MesosAgentState.Domain(new MesosAgentState.FaultDomain(
            new MesosAgentState.Named(agent.domain().region()), new MesosAgentState.Named(agent.domain().zone())));
    return new MesosAgentState(agent.id(), "slave(1)@" + agent.ip() + ":" + agent.port(), agent.hostname(),
        MESOS_VERSION, resources(agent.resources()), agent.attributes(), domain, hostOf(masterUrl),
        seconds(startTime), rendered, List.of());
  }

  private static String executorId(CheckpointedTask t) {
    return t.task().executorId() != null ? t.task().executorId() : t.id();
  }

  private static MesosAgentState.Executor executor(List<CheckpointedTask> tasks, String agentId, Sandboxes sandboxes) {
    CheckpointedTask first = tasks.getFirst();
    String id = executorId(first);
    boolean group = first.task().group() != null;
    List<MesosAgentState.Task> live = tasks.stream().filter(t -> !t.isTerminal()).map(t -> task(t, agentId)).toList();
    List<MesosAgentState.Task> ended = tasks.stream().filter(CheckpointedTask::isTerminal).map(t -> task(t, agentId))
        .toList();
    io.berth.api.cluster.Resources resources = group ? first.task().group().executorResources()
        : first.task().resources();
    return new MesosAgentState.Executor(id, group ? "Default Executor" : "Command Executor (Task: " + id + ")", id,
        first.containerId(), sandboxes.executorDirectory(first.task()).toString(), resources(resources),
        first.frameworkId(), live, List.of(), ended);
  }

  private static MesosAgentState.Task task(CheckpointedTask t, String agentId) {
    List<MesosAgentState.Status> statuses = t.statuses().stream().map(AgentStateJson::status).toList();
    List<MesosAgentState.Label> labels = t.task().labels().entrySet().stream()
        .map(e -> new MesosAgentState.Label(e.getKey(), e.getValue())).toList();
    String slaveId = t.task().agentId() != null ? t.task().agentId() : agentId;
    return new MesosAgentState.Task(t.id(), t.task().name(), t.frameworkId(), t.id(), slaveId, t.state().name(),
        resources(t.task().resources()), statuses, labels.isEmpty() ? null : labels);
  }

  private static MesosAgentState.Status status(TaskStatus s) {
    MesosAgentState.ContainerStatus container = s.containerId() == null ? null
        : new MesosAgentState.ContainerStatus(new MesosAgentState.ContainerId(s.containerId()));
    return new MesosAgentState.Status(s.state().name(), seconds(s.timestamp()), s.message(), s.healthy(), container);
  }

  static MesosAgentState.Resources resources(io.berth.api.cluster.Resources r) {
    io.berth.api.cluster.Resources res = r == null ? io.berth.api.cluster.Resources.NONE : r;
    return new MesosAgentState.Resources(res.cpus(), res.mem(), res.disk(), res.gpus(), res.ports().toString());
  }

  /** Seconds since the epoch with microseconds, written as a plain JSON number. */
  static BigDecimal seconds(Instant instant) {
    if (instant == null) {
      return null;
    }
    return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9))
        .setScale(6, RoundingMode.DOWN);
  }

  private static String hostOf(String url) {
    if (url == null) {
      return null;
    }
    try {
      return URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}

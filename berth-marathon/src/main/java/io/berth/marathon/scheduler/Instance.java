package io.berth.marathon.scheduler;

import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.state.image.ClusterImage;
import io.berth.state.image.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Marathon instance: one task of the Marathon framework in the cluster image, with the app id, version and
 * config version it was launched with (task labels), its host ports in declared order, and when it was staged and
 * first running. A pod instance is a task group: {@code members} are its tasks (one per container; empty for an
 * app instance), {@code task} the one that stands for the group's state ({@link PodInstances}), {@code appId} the
 * pod id and {@link #id()} the instance id (the group's executor id).
 */
public record Instance(Task task, String appId, String version, String configVersion, List<Long> ports,
    Instant stagedAt, Instant startedAt, List<Task> members) {
  public static final String APP_ID = "berth.marathon.appId";
  public static final String VERSION = "berth.marathon.version";
  public static final String CONFIG_VERSION = "berth.marathon.configVersion";
  public static final String PORTS = "berth.marathon.ports";
  /** On each task of a pod instance: the pod id. */
  public static final String POD_ID = "berth.marathon.podId";

  public Instance {
    members = members == null ? List.of() : List.copyOf(members);
  }

  public Instance(Task task, String appId, String version, String configVersion, List<Long> ports, Instant stagedAt,
      Instant startedAt) {
    this(task, appId, version, configVersion, ports, stagedAt, startedAt, List.of());
  }

  public String id() {
    return members.isEmpty() ? task.id() : task.info().executorId();
  }

  public boolean pod() {
    return !members.isEmpty();
  }

  /** The tasks to kill to end this instance: its own, or every live task of its group. */
  public List<String> liveTaskIds() {
    return members.isEmpty() ? List.of(task.id()) : members.stream().filter(t -> !t.terminal()).map(Task::id).toList();
  }

  public TaskState state() {
    return task.state();
  }

  public String agentId() {
    return task.info().agentId();
  }

  public boolean active() {
    return !task.terminal();
  }

  public boolean running() {
    return task.state() == TaskState.TASK_RUNNING;
  }

  /** The health the agent reported last (agent-side checks), or null when it reported none. */
  public Boolean agentHealthy() {
    if (!members.isEmpty()) {
      return PodInstances.healthy(members);
    }
    List<TaskStatus> statuses = task.statuses();
    for (int i = statuses.size() - 1; i >= 0; i--) {
      if (statuses.get(i).healthy() != null) {
        return statuses.get(i).healthy();
      }
    }
    return null;
  }

  public static Instance of(Task task) {
    Map<String, String> labels = task.info().labels();
    String portText = labels.getOrDefault(PORTS, "");
    List<Long> ports = portText.isEmpty() ? List.of() : Arrays.stream(portText.split(",")).map(Long::parseLong).toList();
    Instant staged = task.statuses().getFirst().timestamp();
    Instant started = null;
    for (TaskStatus s : task.statuses()) {
      if (s.state() == TaskState.TASK_RUNNING) {
        started = s.timestamp();
        break;
      }
    }
    if (started == null && !task.terminal() && task.state() != TaskState.TASK_STAGING && task.state() != TaskState.TASK_STARTING) {
      started = task.latest().timestamp();
    }
    return new Instance(task, labels.get(APP_ID), labels.get(VERSION), labels.get(CONFIG_VERSION), ports, staged, started);
  }

  /** All Marathon instances of the image, by app id (terminal ones included, oldest first). */
  public static Map<String, List<Instance>> byApp(ClusterImage image, String frameworkId) {
    Map<String, List<Instance>> out = new LinkedHashMap<>();
    for (Task t : image.tasks().values()) {
      if (frameworkId.equals(t.info().frameworkId()) && t.info().labels().containsKey(APP_ID)) {
        Instance i = of(t);
        out.computeIfAbsent(i.appId(), k -> new ArrayList<>()).add(i);
      }
    }
    return out;
  }
}

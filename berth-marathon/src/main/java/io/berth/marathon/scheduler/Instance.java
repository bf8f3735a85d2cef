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
 * first running.
 */
public record Instance(Task task, String appId, String version, String configVersion, List<Long> ports,
    Instant stagedAt, Instant startedAt) {
  public static final String APP_ID = "berth.marathon.appId";
  public static final String VERSION = "berth.marathon.version";
  public static final String CONFIG_VERSION = "berth.marathon.configVersion";
  public static final String PORTS = "berth.marathon.ports";

  public String id() {
    return task.id();
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

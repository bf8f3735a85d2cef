package io.berth.marathon.scheduler;

import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.state.image.ClusterImage;
import io.berth.state.image.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pod instances from the cluster image (pure): the Marathon framework's tasks labelled with a pod id, grouped by
 * their executor id into one {@link Instance} each. The group's state is that of its least advanced live task
 * (staging before starting before running before killing); a group with no live task has ended, failed if any task
 * failed, else killed, else finished.
 */
public final class PodInstances {
  private PodInstances() {}

  /** All pod instances of the image, by pod id (ended ones included, oldest first). */
  public static Map<String, List<Instance>> byPod(ClusterImage image, String frameworkId) {
    Map<String, Map<String, List<Task>>> groups = new LinkedHashMap<>();
    for (Task t : image.tasks().values()) {
      String podId = t.info().labels().get(Instance.POD_ID);
      if (podId != null && frameworkId.equals(t.info().frameworkId()) && t.info().executorId() != null) {
        groups.computeIfAbsent(podId, k -> new LinkedHashMap<>())
            .computeIfAbsent(t.info().executorId(), k -> new ArrayList<>()).add(t);
      }
    }
    Map<String, List<Instance>> out = new LinkedHashMap<>();
    groups.forEach((podId, byExecutor) -> byExecutor.values()
        .forEach(members -> out.computeIfAbsent(podId, k -> new ArrayList<>()).add(of(podId, members))));
    return out;
  }

  /** One pod instance from the tasks of its group. */
  public static Instance of(String podId, List<Task> members) {
    Task representative = representative(members);
    Map<String, String> labels = members.getFirst().info().labels();
    List<Long> ports = new ArrayList<>();
    for (Task t : members) {
      String text = t.info().labels().getOrDefault(Instance.PORTS, "");
      if (!text.isEmpty()) {
        Arrays.stream(text.split(",")).map(Long::parseLong).forEach(ports::add);
      }
    }
    Instant staged = members.stream().map(t -> t.statuses().getFirst().timestamp()).min(Comparator.naturalOrder())
        .orElseThrow();
    Instant started = null;
    boolean allStarted = true;
    for (Task t : members) {
      Instant first = t.statuses().stream().filter(s -> s.state() == TaskState.TASK_RUNNING).map(TaskStatus::timestamp)
          .findFirst().orElse(null);
      if (first == null) {
        allStarted &= t.state() == TaskState.TASK_FINISHED;
      } else if (started == null || first.isAfter(started)) {
        started = first;
      }
    }
    return new Instance(representative, podId, labels.get(Instance.VERSION), labels.get(Instance.CONFIG_VERSION),
        ports, staged, allStarted ? started : null, members);
  }

  private static Task representative(List<Task> members) {
    List<Task> live = members.stream().filter(t -> !t.terminal()).toList();
    if (!live.isEmpty()) {
      return live.stream().min(Comparator.comparingInt(t -> liveRank(t.state()))).orElseThrow();
    }
    return members.stream().max(Comparator.comparingInt(t -> endRank(t.state()))).orElseThrow();
  }

  private static int liveRank(TaskState s) {
    return switch (s) {
      case TASK_UNREACHABLE -> 0;
      case TASK_STAGING -> 1;
      case TASK_STARTING -> 2;
      case TASK_RUNNING -> 3;
      default -> 4;
    };
  }

  private static int endRank(TaskState s) {
    return switch (s) {
      case TASK_FAILED, TASK_ERROR -> 4;
      case TASK_KILLED -> 3;
      case TASK_LOST, TASK_GONE, TASK_GONE_BY_OPERATOR, TASK_DROPPED, TASK_UNKNOWN -> 2;
      default -> 1;
    };
  }

  /** The group's health from its tasks' agent-side checks: null when none reports, false when any is unhealthy. */
  static Boolean healthy(List<Task> members) {
    Boolean result = null;
    for (Task t : members) {
      if (t.terminal()) {
        continue;
      }
      Boolean h = Instance.of(t).agentHealthy();
      if (Boolean.FALSE.equals(h)) {
        return false;
      }
      if (h != null) {
        result = true;
      }
    }
    return result;
  }
}

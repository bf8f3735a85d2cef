package io.berth.master;

import io.berth.api.cluster.TaskInfo;
import io.berth.framework.Operation;
import io.berth.state.image.ClusterImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Splits the tasks of accepted operations into what is launched or refused as a whole (pure): a plain task alone,
 * the tasks of one task group (same executor id within one Launch operation) together, as Mesos' LAUNCH_GROUP.
 */
final class LaunchUnits {
  private LaunchUnits() {}

  /** The units in the order their first task appears. */
  static List<List<TaskInfo>> of(List<Operation> operations) {
    List<List<TaskInfo>> units = new ArrayList<>();
    for (Operation op : operations) {
      switch (op) {
        case Operation.Launch l -> {
          Map<String, List<TaskInfo>> groups = new LinkedHashMap<>();
          for (TaskInfo t : l.tasks()) {
            if (t.group() == null) {
              units.add(List.of(t));
            } else {
              List<TaskInfo> group = groups.computeIfAbsent(String.valueOf(t.group().executorId()), k -> {
                List<TaskInfo> g = new ArrayList<>();
                units.add(g);
                return g;
              });
              group.add(t);
            }
          }
        }
      }
    }
    return units;
  }

  /** Why a group cannot be launched at all (null when it can, and for plain tasks). */
  static String groupProblem(List<TaskInfo> unit, List<List<TaskInfo>> allUnits, ClusterImage image) {
    TaskInfo first = unit.getFirst();
    if (first.group() == null) {
      return null;
    }
    String executorId = first.group().executorId();
    if (executorId == null || executorId.isBlank() || executorId.contains("/") || executorId.equals(".")
        || executorId.equals("..")) {
      return "Task group executor id '" + executorId + "' is invalid: it must be non-empty and contain no '/'";
    }
    long sameExecutor = allUnits.stream()
        .filter(u -> u.getFirst().group() != null && executorId.equals(u.getFirst().group().executorId())).count();
    if (sameExecutor > 1) {
      return "Task group " + executorId + " is split over several Launch operations: all its tasks must be in one";
    }
    if (unit.stream().anyMatch(t -> !Objects.equals(t.group().executorResources(), first.group().executorResources()))) {
      return "Tasks of group " + executorId + " name different executor resources";
    }
    try {
      first.group().executorResources().validated("executor " + executorId);
    } catch (RuntimeException e) {
      return e.getMessage();
    }
    if (image.tasks().values().stream().anyMatch(t -> !t.terminal() && executorId.equals(t.info().executorId()))) {
      return "Executor " + executorId + " already runs tasks: a task group needs a new executor id";
    }
    return null;
  }
}

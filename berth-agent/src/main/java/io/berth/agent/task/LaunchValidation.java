package io.berth.agent.task;

import io.berth.api.agent.KillTask;
import io.berth.api.agent.LaunchTasks;
import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.TaskGroupInfo;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.VolumeMount;
import io.berth.common.error.BerthException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks launch and kill requests before anything changes (pure); problems are 422s with clear messages. */
public final class LaunchValidation {
  private LaunchValidation() {}

  /** Validates a launch against the ports this agent offers. */
  public static LaunchTasks check(LaunchTasks request, PortRanges agentPorts) {
    if (request.framework() == null) {
      throw BerthException.invalid("'framework' is required");
    }
    if (request.framework().id() == null || request.framework().id().isBlank()) {
      throw BerthException.invalid("'framework.id' is required");
    }
    if (request.tasks().isEmpty()) {
      throw BerthException.invalid("'tasks' is empty: nothing to launch");
    }
    Set<String> ids = new HashSet<>();
    for (TaskInfo task : request.tasks()) {
      if (task == null) {
        throw BerthException.invalid("'tasks' contains null");
      }
      checkTask(task, request.framework().id(), agentPorts);
      if (!ids.add(task.id())) {
        throw BerthException.invalid("Task id '" + task.id() + "' appears more than once");
      }
    }
    return request;
  }

  private static void checkTask(TaskInfo task, String frameworkId, PortRanges agentPorts) {
    String id = TaskIds.check(task.id());
    String where = "Task '" + id + "'";
    if (task.frameworkId() != null && !task.frameworkId().equals(frameworkId)) {
      throw BerthException.invalid(where + " belongs to framework '" + task.frameworkId()
          + "', not to the launching framework '" + frameworkId + "'");
    }
    if (task.resources() == null) {
      throw BerthException.invalid(where + ": 'resources' are required");
    }
    task.resources().validated(where + " resources");
    if (!agentPorts.containsAll(task.resources().ports())) {
      throw BerthException.invalid(where + " asks for ports " + task.resources().ports()
          + " outside this agent's ports " + agentPorts);
    }
    checkCommand(where, task.command());
    if (task.group() == null && task.id().equals(Sandboxes.EXECUTORS)) {
      throw BerthException.invalid(where + ": the id '" + Sandboxes.EXECUTORS + "' is reserved for executor sandboxes");
    }
    if (task.group() != null) {
      checkGroup(where, task.group());
    }
    double grace = task.killGracePeriodSeconds();
    if (Double.isNaN(grace) || Double.isInfinite(grace) || grace < 0) {
      throw BerthException.invalid(where + ": 'killGracePeriodSeconds' must be a non-negative number");
    }
  }

  private static void checkGroup(String where, TaskGroupInfo group) {
    try {
      TaskIds.check(group.executorId());
    } catch (BerthException e) {
      throw BerthException.invalid(where + ": invalid executor id: " + e.getMessage());
    }
    group.executorResources().validated(where + " executor resources");
    for (VolumeMount m : group.mounts()) {
      if (m == null) {
        throw BerthException.invalid(where + ": 'mounts' contains null");
      }
      try {
        TaskIds.check(m.volume());
      } catch (BerthException e) {
        throw BerthException.invalid(where + ": invalid volume name: " + e.getMessage());
      }
      String path = m.containerPath();
      if (path == null || path.isBlank() || path.indexOf('\0') >= 0 || List.of(path.split("/")).contains("..")) {
        throw BerthException.invalid(where + ": volume '" + m.volume() + "' needs a container path without '..'");
      }
      if (m.hostPath() != null && (!m.hostPath().startsWith("/") || List.of(m.hostPath().split("/")).contains(".."))) {
        throw BerthException.invalid(where + ": host volume '" + m.volume() + "' needs an absolute host path without '..'");
      }
    }
  }

  private static void checkCommand(String where, CommandInfo command) {
    if (command == null) {
      throw BerthException.invalid(where + ": 'command' is required");
    }
    boolean hasValue = command.value() != null && !command.value().isBlank();
    if (command.shell() && !hasValue) {
      throw BerthException.invalid(where + ": a shell command needs a non-empty 'value'");
    }
    if (!command.shell() && !hasValue && command.arguments().isEmpty()) {
      throw BerthException.invalid(where + ": a command needs a 'value' (the executable) or 'arguments'");
    }
    if (command.arguments().stream().anyMatch(a -> a == null)) {
      throw BerthException.invalid(where + ": 'arguments' must not contain null");
    }
    command.environment().forEach((k, v) -> {
      if (k == null || k.isEmpty() || k.contains("=") || k.indexOf('\0') >= 0 || v == null || v.indexOf('\0') >= 0) {
        throw BerthException.invalid(where + ": invalid environment variable '" + k + "'");
      }
    });
  }

  /** Validates a kill request for the task named in the path. */
  public static KillTask check(String pathTaskId, KillTask request) {
    TaskIds.check(pathTaskId);
    if (request == null) {
      return new KillTask(pathTaskId, null);
    }
    if (request.taskId() != null && !request.taskId().equals(pathTaskId)) {
      throw BerthException.invalid("The body names task '" + request.taskId() + "' but the path names '"
          + pathTaskId + "'");
    }
    Double grace = request.gracePeriodSeconds();
    if (grace != null && (grace.isNaN() || grace.isInfinite() || grace < 0)) {
      throw BerthException.invalid("'gracePeriodSeconds' must be a non-negative number, got " + grace);
    }
    return new KillTask(pathTaskId, grace);
  }
}

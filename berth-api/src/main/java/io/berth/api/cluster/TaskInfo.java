package io.berth.api.cluster;

import java.util.List;
import java.util.Map;

/**
 * A task as launched by a framework on an agent. {@code portNames} names the ports of {@code resources.ports}
 * in order (for {@code PORT_<NAME>}); {@code killGracePeriodSeconds} is the time between SIGTERM and SIGKILL;
 * {@code healthCheck} (may be null) is run by the agent.
 * {@code group} (null for plain tasks) makes the task part of a task group ({@link TaskGroupInfo}).
 */
public record TaskInfo(
    String id,
    String name,
    String frameworkId,
    String agentId,
    Resources resources,
    CommandInfo command,
    List<String> portNames,
    Map<String, String> labels,
    double killGracePeriodSeconds,
    HealthCheckInfo healthCheck,
    TaskGroupInfo group) {

  public static final double DEFAULT_KILL_GRACE_SECONDS = 3.0;

  /** A task without an agent-side health check. */
  public TaskInfo(String id, String name, String frameworkId, String agentId, Resources resources, CommandInfo command,
      List<String> portNames, Map<String, String> labels, double killGracePeriodSeconds) {
    this(id, name, frameworkId, agentId, resources, command, portNames, labels, killGracePeriodSeconds, null, null);
  }

  /** A task that is not part of a task group. */
  public TaskInfo(String id, String name, String frameworkId, String agentId, Resources resources, CommandInfo command,
      List<String> portNames, Map<String, String> labels, double killGracePeriodSeconds, HealthCheckInfo healthCheck) {
    this(id, name, frameworkId, agentId, resources, command, portNames, labels, killGracePeriodSeconds, healthCheck,
        null);
  }

  public TaskInfo {
    portNames = portNames == null ? List.of() : List.copyOf(portNames);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  public TaskInfo withAgent(String newAgentId) {
    return new TaskInfo(id, name, frameworkId, newAgentId, resources, command, portNames, labels,
        killGracePeriodSeconds, healthCheck, group);
  }

  /** The same task with the given framework and agent (what the master and the agent fill in). */
  public TaskInfo placed(String newFrameworkId, String newAgentId) {
    return new TaskInfo(id, name, newFrameworkId, newAgentId, resources, command, portNames, labels,
        killGracePeriodSeconds, healthCheck, group);
  }

  /** The executor id of the task's group, or null for a plain task. */
  public String executorId() {
    return group == null ? null : group.executorId();
  }
}

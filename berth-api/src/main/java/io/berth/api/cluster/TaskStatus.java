package io.berth.api.cluster;

import java.time.Instant;

/**
 * One status update of a task, as Mesos sends it. {@code uuid} identifies the update for acknowledgement;
 * {@code exitCode} is set when the task's process ended.
 */
public record TaskStatus(
    String taskId,
    String frameworkId,
    String agentId,
    TaskState state,
    Reason reason,
    Source source,
    String message,
    Instant timestamp,
    String uuid,
    Boolean healthy,
    String containerId,
    Integer exitCode) {

  public enum Source { SOURCE_MASTER, SOURCE_AGENT, SOURCE_EXECUTOR }

  /** Mesos status reasons (the subset Berth produces). */
  public enum Reason {
    REASON_COMMAND_EXECUTOR_FAILED,
    REASON_CONTAINER_LAUNCH_FAILED,
    REASON_CONTAINER_LIMITATION,
    REASON_CONTAINER_LIMITATION_DISK,
    REASON_CONTAINER_LIMITATION_MEMORY,
    REASON_EXECUTOR_TERMINATED,
    REASON_FRAMEWORK_REMOVED,
    REASON_INVALID_OFFERS,
    REASON_RECONCILIATION,
    REASON_RESOURCES_UNKNOWN,
    REASON_SLAVE_DISCONNECTED,
    REASON_SLAVE_REMOVED,
    REASON_SLAVE_RESTARTED,
    REASON_SLAVE_UNKNOWN,
    REASON_TASK_INVALID,
    REASON_TASK_KILLED_DURING_LAUNCH,
    REASON_TASK_UNKNOWN,
    REASON_TASK_HEALTH_CHECK_STATUS_UPDATED
  }

  public TaskStatus withUuid(String newUuid) {
    return new TaskStatus(taskId, frameworkId, agentId, state, reason, source, message, timestamp, newUuid, healthy,
        containerId, exitCode);
  }

  public TaskStatus withTimestamp(Instant newTimestamp) {
    return new TaskStatus(taskId, frameworkId, agentId, state, reason, source, message, newTimestamp, uuid, healthy,
        containerId, exitCode);
  }
}

package io.berth.state.record;

import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskStatus;

/** Changes to tasks. */
public sealed interface TaskRecord extends ChangeRecord {
  String taskId();

  /** A framework launched a task on an agent; {@code status} is its first status (TASK_STAGING). */
  record Launched(TaskInfo task, TaskStatus status) implements TaskRecord {
    public String taskId() {
      return task.id();
    }
  }

  /** A new status of a task, from its agent or from the master. */
  record StatusUpdated(TaskStatus status) implements TaskRecord {
    public String taskId() {
      return status.taskId();
    }
  }

  /** The task's framework acknowledged the status update {@code uuid}. */
  record StatusAcknowledged(String taskId, String uuid) implements TaskRecord {}
}

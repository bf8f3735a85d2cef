package io.berth.api.cluster;

/** Mesos task states, with the same names and meaning. */
public enum TaskState {
  TASK_STAGING,
  TASK_STARTING,
  TASK_RUNNING,
  TASK_KILLING,
  TASK_FINISHED,
  TASK_FAILED,
  TASK_KILLED,
  TASK_ERROR,
  TASK_LOST,
  TASK_DROPPED,
  TASK_UNREACHABLE,
  TASK_GONE,
  TASK_GONE_BY_OPERATOR,
  TASK_UNKNOWN;

  /** Terminal states never change again (TASK_UNREACHABLE is not terminal: the agent may come back). */
  public boolean isTerminal() {
    return switch (this) {
      case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_ERROR, TASK_LOST, TASK_DROPPED, TASK_GONE,
           TASK_GONE_BY_OPERATOR -> true;
      case TASK_STAGING, TASK_STARTING, TASK_RUNNING, TASK_KILLING, TASK_UNREACHABLE, TASK_UNKNOWN -> false;
    };
  }
}

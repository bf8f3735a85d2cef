package io.berth.agent.checkpoint;

import io.berth.api.cluster.FrameworkInfo;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * A task as this agent knows it, exactly as checkpointed: the task and the framework that launched it, the id of
 * its container, its latest state, whether a kill was requested (and with which grace period), and the statuses
 * it has gone through (for the agent's state endpoint). Immutable: every change makes a new value.
 */
public record CheckpointedTask(
    TaskInfo task,
    FrameworkInfo framework,
    String containerId,
    TaskState state,
    boolean killRequested,
    Double killGraceSeconds,
    List<TaskStatus> statuses) {

  public CheckpointedTask {
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
  }

  public static CheckpointedTask staged(TaskInfo task, FrameworkInfo framework, String containerId) {
    return new CheckpointedTask(task, framework, containerId, TaskState.TASK_STAGING, false, null, List.of());
  }

  public String id() {
    return task.id();
  }

  public String frameworkId() {
    return task.frameworkId() != null ? task.frameworkId() : framework.id();
  }

  public boolean isTerminal() {
    return state.isTerminal();
  }

  public CheckpointedTask withStatus(TaskStatus status) {
    List<TaskStatus> all = new ArrayList<>(statuses);
    all.add(status);
    return new CheckpointedTask(task, framework, containerId, status.state(), killRequested, killGraceSeconds, all);
  }

  public CheckpointedTask withKillRequested(double graceSeconds) {
    return new CheckpointedTask(task, framework, containerId, state, true, graceSeconds, statuses);
  }
}

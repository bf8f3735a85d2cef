package io.berth.state.image;

import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import java.util.List;

/**
 * A task and its recent statuses (oldest first, at most {@link #MAX_STATUSES}). {@code acknowledgedUuid} is the
 * uuid of the newest status its framework acknowledged.
 */
public record Task(TaskInfo info, List<TaskStatus> statuses, String acknowledgedUuid) {
  public static final int MAX_STATUSES = 16;

  public Task {
    statuses = List.copyOf(statuses);
  }

  public String id() {
    return info.id();
  }

  public TaskStatus latest() {
    return statuses.getLast();
  }

  public TaskState state() {
    return latest().state();
  }

  public boolean terminal() {
    return state().isTerminal();
  }

  /** True when the framework has acknowledged the latest status. */
  public boolean acknowledged() {
    return latest().uuid().equals(acknowledgedUuid);
  }

  Task withStatus(TaskStatus status) {
    List<TaskStatus> next = new java.util.ArrayList<>(statuses);
    next.add(status);
    while (next.size() > MAX_STATUSES) {
      next.removeFirst();
    }
    return new Task(info, next, acknowledgedUuid);
  }

  Task withAcknowledged(String uuid) {
    return new Task(info, statuses, uuid);
  }
}

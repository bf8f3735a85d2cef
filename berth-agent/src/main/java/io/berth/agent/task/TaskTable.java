package io.berth.agent.task;

import io.berth.agent.checkpoint.Checkpoint;
import io.berth.agent.checkpoint.CheckpointedTask;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tasks this agent knows, kept in step with their checkpoint files: tasks that run or still have status
 * updates to deliver, and (in memory only) the most recently completed ones. Owned by the event loop.
 */
final class TaskTable {
  private static final int MAX_COMPLETED = 200;

  private final Checkpoint checkpoint;
  private final Map<String, CheckpointedTask> tasks = new LinkedHashMap<>();
  private final ArrayDeque<CheckpointedTask> completed = new ArrayDeque<>();

  TaskTable(Checkpoint checkpoint) {
    this.checkpoint = checkpoint;
  }

  CheckpointedTask get(String id) {
    return tasks.get(id);
  }

  /** The task, if it still exists with this container (callbacks of an older container are stale). */
  CheckpointedTask current(String id, String cid) {
    CheckpointedTask task = tasks.get(id);
    return task != null && cid.equals(task.containerId()) ? task : null;
  }

  boolean recentlyCompleted(String id) {
    return completed.stream().anyMatch(t -> t.id().equals(id));
  }

  Collection<CheckpointedTask> all() {
    return List.copyOf(tasks.values());
  }

  int size() {
    return tasks.size();
  }

  /** Checkpoints the task, then remembers it. */
  CheckpointedTask save(CheckpointedTask task) {
    checkpoint.saveTask(task);
    tasks.put(task.id(), task);
    return task;
  }

  /** Remembers a task read from the checkpoint. */
  void adopt(CheckpointedTask task) {
    tasks.put(task.id(), task);
  }

  /** An ended task with nothing left to report: forget its checkpoint, keep it for the state endpoint. */
  void complete(CheckpointedTask task) {
    tasks.remove(task.id());
    checkpoint.deleteTask(task.id());
    completed.addLast(task);
    while (completed.size() > MAX_COMPLETED) {
      completed.removeFirst();
    }
  }

  /** Forgets every task, in memory and on disk. */
  void clear() {
    tasks.clear();
    completed.clear();
    checkpoint.deleteAllTasks();
  }

  TaskRunner.Snapshot snapshot() {
    return new TaskRunner.Snapshot(List.copyOf(tasks.values()), List.copyOf(completed));
  }
}

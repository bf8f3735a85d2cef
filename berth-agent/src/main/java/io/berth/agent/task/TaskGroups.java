package io.berth.agent.task;

import io.berth.agent.checkpoint.CheckpointedTask;
import io.berth.agent.runtime.ContainerSpec;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.VolumeMount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What makes a task of a task group (a pod instance) different from a plain task on this agent, as Mesos' default
 * executor does it: the sandbox inside the executor's run directory, the group's ephemeral volumes as directories of
 * that run, mounted into the task's container, and which tasks end with a sibling.
 */
final class TaskGroups {
  private TaskGroups() {}

  /** Where a task's container runs and what it mounts. */
  record Layout(Path sandbox, List<ContainerSpec.Mount> mounts) {}

  /** Creates the task's sandbox (and, for a group, the executor run and its volumes). */
  static Layout create(Sandboxes sandboxes, TaskInfo task, String newRunId) {
    if (task.group() == null) {
      return new Layout(sandboxes.create(task.id()), List.of());
    }
    Path run = sandboxes.groupRun(task.group().executorId(), newRunId);
    Path sandbox = sandboxes.createGroupTask(run, task.id());
    List<ContainerSpec.Mount> mounts = new ArrayList<>();
    for (VolumeMount m : task.group().mounts()) {
      Path host = m.ephemeral() ? sandboxes.createVolume(run, m.volume()) : Path.of(m.hostPath());
      mounts.add(new ContainerSpec.Mount(m.volume(), host, m.containerPath(), m.readOnly()));
    }
    return new Layout(sandbox, mounts);
  }

  /**
   * The tasks to kill because {@code ended} ended in {@code state}: the other live tasks of its group when it
   * failed, was killed or was invalid (Mesos' default executor); none when it finished, or for a plain task.
   */
  static List<CheckpointedTask> siblingsToKill(CheckpointedTask ended, TaskState state,
      Collection<CheckpointedTask> all) {
    String executorId = ended.task().executorId();
    if (executorId == null || !(state == TaskState.TASK_FAILED || state == TaskState.TASK_KILLED
        || state == TaskState.TASK_ERROR || state == TaskState.TASK_LOST)) {
      return List.of();
    }
    return all.stream()
        .filter(t -> executorId.equals(t.task().executorId()) && !t.id().equals(ended.id()))
        .filter(t -> !t.isTerminal() && !t.killRequested())
        .toList();
  }
}

package io.berth.api.cluster;

import java.util.List;

/**
 * The group part of a task that belongs to a Mesos task group (a Marathon pod instance): every task of one group
 * carries the same {@code executorId} and {@code executorResources} (the default executor's own share, counted once
 * per group) and is launched with the others, atomically, on one agent, in one executor sandbox
 * ({@code executors/<executorId>/runs/<runId>/}, with a {@code tasks/<taskId>/} sandbox per task). {@code mounts}
 * are this task's volume mounts (ephemeral volumes live in the executor sandbox and are shared by the group).
 */
public record TaskGroupInfo(String executorId, Resources executorResources, List<VolumeMount> mounts) {
  public TaskGroupInfo {
    executorResources = executorResources == null ? Resources.NONE : executorResources;
    mounts = mounts == null ? List.of() : List.copyOf(mounts);
  }
}

package io.berth.agent.task;

import io.berth.api.cluster.TaskStatus;

/** Where the task runner's status updates go (the agent's {@code StatusUpdateSender}); called on the agent's loop. */
public interface StatusPublisher {
  /** Checkpoints the update, then sends it: for updates that must not be lost in a crash (a kill under way). */
  void publish(TaskStatus status);

  /**
   * Checkpoints the update and sends it with the next one, or after a short while: for an update that is usually
   * soon followed by the next (TASK_STARTING by TASK_RUNNING).
   */
  void publishHeld(TaskStatus status);

  /**
   * Sends the update and checkpoints it meanwhile: for updates that the agent makes again after a crash from what it
   * has on disk already (the container's start, its exit: see {@code TaskRecovery}).
   */
  void publishRepeatable(TaskStatus status);
}

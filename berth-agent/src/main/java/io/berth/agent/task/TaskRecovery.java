package io.berth.agent.task;

import io.berth.agent.checkpoint.Checkpoint;
import io.berth.agent.checkpoint.CheckpointedTask;
import io.berth.agent.runtime.ContainerRuntime;
import io.berth.agent.runtime.ContainerState;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus.Reason;
import io.berth.api.cluster.TaskStatus.Source;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agent start-up: brings the checkpointed tasks back. For each task that had not ended, asks the runtime about
 * its container: still running → watch it again; exited (while the agent was down) → report the exit; unknown →
 * the task failed. Containers the runtime has but no task owns are orphans: killed and removed.
 */
final class TaskRecovery {
  private static final Logger log = LoggerFactory.getLogger(TaskRecovery.class);

  private final TaskRunner runner;
  private final TaskTable tasks;
  private final ContainerRuntime runtime;
  private final Checkpoint checkpoint;

  TaskRecovery(TaskRunner runner, TaskTable tasks, ContainerRuntime runtime, Checkpoint checkpoint) {
    this.runner = runner;
    this.tasks = tasks;
    this.runtime = runtime;
    this.checkpoint = checkpoint;
  }

  void run() {
    List<CheckpointedTask> checkpointed = checkpoint.loadTasks();
    Set<String> owned = new HashSet<>();
    for (CheckpointedTask task : checkpointed) {
      tasks.adopt(task);
      owned.add(task.containerId());
      if (task.isTerminal()) {
        if (!checkpoint.updates().hasPending(task.id())) {
          tasks.complete(task);
        }
        runner.removeContainer(task.containerId());
      } else {
        recover(task);
      }
    }
    for (String cid : runtime.list()) {
      if (!owned.contains(cid)) {
        log.warn("container {} belongs to no known task: killing and removing it", cid);
        runner.discardContainer(cid);
      }
    }
    log.info("recovered {} tasks; {} status updates pending", checkpointed.size(), checkpoint.updates().size());
  }

  private void recover(CheckpointedTask task) {
    ContainerState state;
    try {
      state = runtime.state(task.containerId());
    } catch (RuntimeException e) {
      log.warn("cannot read the state of container {}: {}", task.containerId(), e.getMessage());
      state = new ContainerState.Unknown();
    }
    switch (state) {
      case ContainerState.Running r -> reattach(task);
      case ContainerState.Exited e -> runner.exited(task.id(), task.containerId(), e.status(), null);
      case ContainerState.Unknown u -> lost(task);
    }
  }

  private void reattach(CheckpointedTask task) {
    log.info("task {}: container {} still runs; re-attaching", task.id(), task.containerId());
    CheckpointedTask current = task;
    boolean launchUnreported = task.state() == TaskState.TASK_STAGING || task.state() == TaskState.TASK_STARTING;
    if (launchUnreported && !task.killRequested()) {
      current = runner.emit(task, TaskState.TASK_RUNNING, null, null, Source.SOURCE_EXECUTOR, null);
    }
    runner.watch(current);
    if (current.killRequested()) {
      runner.sendTerm(current); // the kill was under way when the agent stopped: start its grace period again
    }
  }

  private void lost(CheckpointedTask task) {
    boolean wasLaunching = task.state() == TaskState.TASK_STAGING || task.state() == TaskState.TASK_STARTING;
    runner.terminate(task, TaskState.TASK_FAILED, Reason.REASON_EXECUTOR_TERMINATED,
        "Container " + task.containerId() + " disappeared while the agent was down"
            + (wasLaunching ? " (the agent stopped while launching it)" : ""), Source.SOURCE_AGENT, null);
  }
}

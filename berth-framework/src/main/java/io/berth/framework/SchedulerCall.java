package io.berth.framework;

import io.berth.api.cluster.FrameworkInfo;
import java.util.List;

/** A call from a scheduler to the master (Mesos v1 scheduler call types). */
public sealed interface SchedulerCall {
  /** Registers, or re-registers when {@code framework.id()} is set. */
  record Subscribe(FrameworkInfo framework) implements SchedulerCall {}

  /** Uses offers (all of the same agent) for operations; what is left over is filtered for {@code filters}. */
  record Accept(List<String> offerIds, List<Operation> operations, Filters filters) implements SchedulerCall {
    public Accept {
      offerIds = List.copyOf(offerIds);
      operations = List.copyOf(operations);
      filters = filters == null ? Filters.DEFAULT : filters;
    }
  }

  record Decline(List<String> offerIds, Filters filters) implements SchedulerCall {
    public Decline {
      offerIds = List.copyOf(offerIds);
      filters = filters == null ? Filters.DEFAULT : filters;
    }
  }

  /** Removes all filters and resumes offers. */
  record Revive() implements SchedulerCall {}

  /** Stops offers until the next revive. */
  record Suppress() implements SchedulerCall {}

  /** Kills a task: SIGTERM, then SIGKILL after {@code gracePeriodSeconds} (null: the task's own grace period). */
  record Kill(String taskId, String agentId, Double gracePeriodSeconds) implements SchedulerCall {}

  /** Acknowledges the status update {@code uuid} of a task, so the master stops resending it. */
  record Acknowledge(String agentId, String taskId, String uuid) implements SchedulerCall {}

  /** Asks for the latest status of the given tasks, or of all the framework's tasks when the list is empty. */
  record Reconcile(List<TaskRef> tasks) implements SchedulerCall {
    public Reconcile {
      tasks = List.copyOf(tasks);
    }
  }

  /** Unregisters the framework and kills all its tasks. */
  record Teardown() implements SchedulerCall {}

  record TaskRef(String taskId, String agentId) {}
}

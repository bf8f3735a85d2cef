package io.berth.framework;

import io.berth.api.cluster.TaskStatus;
import java.util.List;

/** An event from the master to a scheduler (Mesos v1 scheduler event types). */
public sealed interface SchedulerEvent {
  record Subscribed(String frameworkId, double heartbeatIntervalSeconds, String masterUrl) implements SchedulerEvent {}

  record Offers(List<Offer> offers) implements SchedulerEvent {
    public Offers {
      offers = List.copyOf(offers);
    }
  }

  /** An offer is no longer valid (timeout, agent gone). */
  record Rescind(String offerId) implements SchedulerEvent {}

  /** A task status; acknowledge it when {@code status.uuid()} is set. */
  record Update(TaskStatus status) implements SchedulerEvent {}

  /** An agent was removed. */
  record Failure(String agentId) implements SchedulerEvent {}

  /** The subscription ended because of an error; the scheduler must subscribe again. */
  record Error(String message) implements SchedulerEvent {}

  record Heartbeat() implements SchedulerEvent {}
}

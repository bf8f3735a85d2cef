package io.berth.framework;

import io.berth.api.cluster.FrameworkInfo;
import java.util.function.Consumer;

/** Where schedulers subscribe: the leading master in-process, or a master over HTTP. */
public interface SchedulerEndpoint {
  /**
   * Subscribes {@code framework} (re-subscribes when its id is set). Events are handed to {@code events} one at a
   * time, in order, starting with {@link SchedulerEvent.Subscribed}; the consumer must not block for long. Events
   * after {@code Subscribed} may arrive on another thread before this method returns the connection: a scheduler
   * that answers them with the connection hands them to the thread that subscribed (as Marathon and Metronome do).
   *
   * @throws io.berth.common.error.BerthException NOT_LEADER or UNAVAILABLE when no leader accepts the subscription
   */
  SchedulerConnection subscribe(FrameworkInfo framework, Consumer<SchedulerEvent> events);
}

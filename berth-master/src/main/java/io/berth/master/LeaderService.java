package io.berth.master;

import io.berth.framework.SchedulerEndpoint;

/**
 * A component that runs only on the leading master (Marathon, Metronome, the task launcher): started when a term
 * begins with the in-process scheduler endpoint, stopped when it ends.
 */
public interface LeaderService {
  void start(SchedulerEndpoint endpoint);

  void stop();
}

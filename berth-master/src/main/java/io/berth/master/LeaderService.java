package io.berth.master;

/**
 * A component that runs only on the leading master (Marathon, Metronome, the task launcher): started when a term
 * begins, stopped when it ends. A new term means a new {@link LeaderContext}: subscribe again, re-read the state.
 */
public interface LeaderService {
  void start(LeaderContext context);

  void stop();
}

package io.berth.state.election;

/**
 * Takes part in the election of the leading master. The {@link Listener} learns when this master gains
 * leadership and when it must stop acting as leader (connection suspended or lost, or closed).
 */
public interface LeaderElection extends LeaderDetector {
  /** Joins the election; {@code listener} is called from the election's own thread. */
  void start(Listener listener);

  boolean isLeader();

  /**
   * Gives up leadership: {@link Listener#revoked()}, then this participant joins the election again behind the others
   * (alone, it is elected again). Ignored unless this participant leads.
   */
  void abdicate();

  interface Listener {
    /** This master is now the leader. */
    void elected();

    /** This master must stop writing at once: it is no longer (surely) the leader. */
    void revoked();
  }
}

package io.berth.common.time;

import java.time.InstantSource;

/**
 * The only place in Berth that reads the real clocks. Everything else takes an {@link InstantSource}
 * (wall time, for timestamps) or a {@link Ticker} (monotonic, for timeouts) as a constructor argument.
 */
public final class SystemTime {
  private SystemTime() {}

  /** Wall-clock time, for timestamps that users see and that go into change records. */
  public static InstantSource wallClock() {
    return InstantSource.system();
  }

  /** Monotonic time, for timeouts and durations. */
  public static Ticker ticker() {
    return System::nanoTime;
  }
}

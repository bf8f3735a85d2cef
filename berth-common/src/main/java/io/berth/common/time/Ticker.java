package io.berth.common.time;

import java.time.Duration;

/** A monotonic nanosecond counter: for measuring elapsed time and deadlines, never for timestamps. */
@FunctionalInterface
public interface Ticker {
  long nanos();

  default Duration since(long startNanos) {
    return Duration.ofNanos(nanos() - startNanos);
  }
}

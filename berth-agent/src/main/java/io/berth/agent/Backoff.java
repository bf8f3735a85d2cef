package io.berth.agent;

import java.time.Duration;

/**
 * Exponential retry delays: {@code initial}, doubled after each failed attempt, never more than {@code max}.
 * Deterministic (no jitter), so tests can reason about it.
 */
public record Backoff(Duration initial, Duration max) {
  public Backoff {
    if (initial == null || max == null || initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + ", " + max);
    }
  }

  /** The delay before retry number {@code attempt} (0 for the first retry). */
  public Duration delay(int attempt) {
    int shift = Math.min(Math.max(attempt, 0), 30);
    long millis = initial.toMillis() << shift;
    return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(Math.max(millis, 1));
  }
}

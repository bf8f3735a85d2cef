package io.berth.iam;

import io.berth.common.time.Ticker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Limits login attempts per key (user and source address): at most {@code attempts} within a sliding
 * {@code window}. Keys that were quiet for a window are forgotten, so the table stays small.
 */
public final class LoginThrottle {
  private static final int FORGET_ABOVE = 10_000;
  private final int attempts;
  private final long windowNanos;
  private final Ticker ticker;
  private final Map<String, Deque<Long>> recent = new HashMap<>();

  public LoginThrottle(int attempts, Duration window, Ticker ticker) {
    this.attempts = attempts;
    this.windowNanos = window.toNanos();
    this.ticker = ticker;
  }

  /** Counts an attempt; false if the key already used all its attempts in the window. */
  public synchronized boolean tryAcquire(String key) {
    long now = ticker.nanos();
    if (recent.size() > FORGET_ABOVE) {
      recent.values().removeIf(times -> now - times.peekLast() >= windowNanos);
    }
    Deque<Long> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
    while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
      times.removeFirst();
    }
    if (times.size() >= attempts) {
      return false;
    }
    times.addLast(now);
    return true;
  }
}

package io.berth.iam;

import io.berth.common.time.Ticker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Limits failed login attempts per key (user and source address): once a key failed {@code attempts} times within a
 * sliding {@code window}, its logins are refused until the oldest failure leaves the window. Successful logins (and
 * logins IAM could not judge yet, before its bootstrap) are not counted, so automation that logs in often is never
 * locked out while password guessing is. Keys that were quiet for a window are forgotten, so the table stays small.
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

  /** False if the key already failed {@code attempts} times within the window. */
  public synchronized boolean allowed(String key) {
    Deque<Long> times = recent.get(key);
    if (times == null) {
      return true;
    }
    long now = ticker.nanos();
    while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
      times.removeFirst();
    }
    return times.size() < attempts;
  }

  /** Counts a failed attempt of the key. */
  public synchronized void failed(String key) {
    long now = ticker.nanos();
    if (recent.size() > FORGET_ABOVE) {
      recent.values().removeIf(times -> times.isEmpty() || now - times.peekLast() >= windowNanos);
    }
    recent.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
  }
}

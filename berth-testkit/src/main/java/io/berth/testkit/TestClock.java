package io.berth.testkit;

import io.berth.common.time.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock that moves only when a test says so: both wall time and the monotonic ticker. */
public final class TestClock implements InstantSource, Ticker {
  private Instant now;
  private long nanos;

  public TestClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  public TestClock(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public synchronized long nanos() {
    return nanos;
  }

  public synchronized void advance(Duration by) {
    now = now.plus(by);
    nanos += by.toNanos();
  }
}

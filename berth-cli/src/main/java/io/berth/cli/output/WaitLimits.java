package io.berth.cli.output;

import io.berth.common.time.SystemTime;
import io.berth.common.time.Ticker;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** How a {@code --wait} waits: at most {@code timeout} on {@code ticker}, asking the cluster every {@code poll}. */
public record WaitLimits(Ticker ticker, Duration timeout, Duration poll) {

  /** A command's {@code --wait} on the system's ticker. */
  public static WaitLimits of(long timeoutSeconds, Duration poll) {
    return new WaitLimits(SystemTime.ticker(), Duration.ofSeconds(timeoutSeconds), poll);
  }

  /** The ticker's reading when a wait starts. */
  public long now() {
    return ticker.nanos();
  }

  /** Whether a wait that started at {@code startNanos} ({@link #now()}) has run past its timeout. */
  public boolean expired(long startNanos) {
    return ticker.since(startNanos).compareTo(timeout) > 0;
  }

  /** Waits one poll interval before asking again. */
  public void pause() {
    LockSupport.parkNanos(poll.toNanos());
  }
}

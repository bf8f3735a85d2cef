package io.berth.agent.runc;

import io.berth.common.time.Ticker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits, before a signal for the container's init (tini), until it is ready for signals. The kernel drops a
 * signal sent to pid 1 of a pid namespace while that process neither handles nor blocks it, so a kill right
 * after {@code start} could be lost in the instant between the exec of tini and its {@code sigprocmask}
 * ({@code start} does not wait for it: {@code runc run} does not either, and a signal is rarely that early). tini
 * blocks the signals before it forks the command, so the init is ready once it has a child
 * ({@code /proc/<pid>/task/<pid>/children}), or once it has ended. ({@code SigBlk} in {@code /proc/<pid>/status}
 * cannot tell: tini waits in {@code sigtimedwait}, which shows the waited-for signals as unblocked.) This takes
 * well under a millisecond; the checks pause 50 µs between reads.
 */
final class InitReadiness {
  private static final long PAUSE_NANOS = 50_000;

  private InitReadiness() {}

  /** True once pid {@code pid} has a child process or has ended; false when the timeout passed first. */
  static boolean await(long pid, Duration timeout, Ticker ticker) {
    long deadline = ticker.nanos() + timeout.toNanos();
    String p = Long.toString(pid);
    Path children = Path.of("/proc", p, "task", p, "children");
    Path status = Path.of("/proc", p, "status");
    while (true) {
      try {
        if (!Files.readString(children, StandardCharsets.US_ASCII).isBlank()
            || isZombie(Files.readString(status, StandardCharsets.US_ASCII))) {
          return true;
        }
      } catch (NoSuchFileException e) {
        return true; // ended: no signal can be lost any more
      } catch (IOException e) {
        return false;
      }
      if (ticker.nanos() > deadline) {
        return false;
      }
      LockSupport.parkNanos(PAUSE_NANOS);
    }
  }

  private static boolean isZombie(String procStatus) {
    return procStatus.lines().anyMatch(l -> l.startsWith("State:") && l.contains("Z"));
  }
}

package io.berth.agent.runtime;

import java.time.Duration;

/**
 * What {@link ContainerRuntime#start} did: the pid of the container's main process (0 when the runtime has none)
 * and how long the start took, with the runtime's own steps (e.g. {@code bundle 1 ms, create 30 ms, start 0 ms}, or
 * empty). The agent logs it once it has passed the start on, so that writing the line is not on the launch's path.
 */
public record StartReport(long pid, Duration took, String steps) {
  public StartReport {
    if (took == null || took.isNegative() || steps == null) {
      throw new IllegalArgumentException("a start report needs a duration and steps");
    }
  }

  /** {@code started (pid <pid>) in <ms> ms (<steps>)}: the agent's log line, read by {@code bench/launch}. */
  @Override
  public String toString() {
    return "started (pid " + pid + ") in " + took.toMillis() + " ms" + (steps.isEmpty() ? "" : " (" + steps + ")");
  }
}

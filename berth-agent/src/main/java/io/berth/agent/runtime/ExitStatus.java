package io.berth.agent.runtime;

/**
 * How a container's main process ended. {@code exitCode} follows the shell convention (128 + signal when killed
 * by a signal); {@code oomKilled} is true when the kernel's OOM killer acted inside the container's memory
 * cgroup, whichever process it killed.
 */
public record ExitStatus(int exitCode, Integer signal, boolean oomKilled, String message) {
  public static ExitStatus exited(int code) {
    return new ExitStatus(code, null, false, null);
  }

  public static ExitStatus signalled(int signal) {
    return new ExitStatus(128 + signal, signal, false, null);
  }

  public boolean success() {
    return exitCode == 0 && !oomKilled;
  }
}

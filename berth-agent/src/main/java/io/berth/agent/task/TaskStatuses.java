package io.berth.agent.task;

import io.berth.agent.runtime.ExitStatus;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus.Reason;

/** How a container's exit becomes the task's final status (pure). */
final class TaskStatuses {
  private TaskStatuses() {}

  /** The terminal state, reason and message for an exit. */
  record Outcome(TaskState state, Reason reason, String message, Integer exitCode) {}

  static Outcome ofExit(ExitStatus exit, boolean killRequested, Resources resources) {
    Integer code = exit.exitCode() >= 0 ? exit.exitCode() : null;
    String described = describe(exit);
    if (killRequested) {
      return new Outcome(TaskState.TASK_KILLED, null, described, code);
    }
    if (exit.oomKilled()) {
      String limit = resources == null ? "unknown" : formatMiB(resources.mem()) + "MB";
      return new Outcome(TaskState.TASK_FAILED, Reason.REASON_CONTAINER_LIMITATION_MEMORY,
          "Memory limit exceeded: Requested: " + limit + " (the kernel's OOM killer stopped a process of the task; "
              + described + ")", code);
    }
    if (exit.exitCode() == 0) {
      return new Outcome(TaskState.TASK_FINISHED, null, described, code);
    }
    return new Outcome(TaskState.TASK_FAILED, Reason.REASON_COMMAND_EXECUTOR_FAILED, described, code);
  }

  static String describe(ExitStatus exit) {
    String base = exit.signal() != null
        ? "Command terminated with signal " + signalName(exit.signal()) + " (exit status " + exit.exitCode() + ")"
        : exit.exitCode() < 0 ? "Command exited with an unknown status" : "Command exited with status " + exit.exitCode();
    return exit.message() == null || exit.message().isBlank() ? base : base + ": " + exit.message();
  }

  private static String signalName(int signal) {
    return switch (signal) {
      case 1 -> "SIGHUP";
      case 2 -> "SIGINT";
      case 6 -> "SIGABRT";
      case 9 -> "SIGKILL";
      case 11 -> "SIGSEGV";
      case 15 -> "SIGTERM";
      default -> "signal " + signal;
    };
  }

  private static String formatMiB(double mib) {
    return mib == Math.rint(mib) ? Long.toString((long) mib) : Double.toString(mib);
  }
}

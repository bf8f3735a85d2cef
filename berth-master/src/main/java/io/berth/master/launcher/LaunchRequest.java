package io.berth.master.launcher;

import io.berth.common.error.BerthException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /berth/v1/tasks}: one task to run once, like {@code mesos-execute}.
 *
 * @param id task id (generated when absent); letters, digits, '.', '_' and '-'
 * @param cmd shell command (required)
 * @param cpus cores (default 0.1)
 * @param mem MiB (default 32)
 * @param disk MiB (default 0)
 * @param ports names of the host ports the task needs; they arrive as PORT0.., PORT_NAME
 * @param env extra environment
 * @param killGracePeriodSeconds SIGTERM to SIGKILL (default 3)
 * @param agentId run on this agent only (optional)
 */
public record LaunchRequest(
    String id,
    String cmd,
    Double cpus,
    Double mem,
    Double disk,
    List<String> ports,
    Map<String, String> env,
    Double killGracePeriodSeconds,
    String agentId) {

  private static final Pattern ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{0,199}");

  public double cpusOrDefault() {
    return cpus == null ? 0.1 : cpus;
  }

  public double memOrDefault() {
    return mem == null ? 32 : mem;
  }

  public double diskOrDefault() {
    return disk == null ? 0 : disk;
  }

  public List<String> portsOrEmpty() {
    return ports == null ? List.of() : ports;
  }

  /** Every problem of the request at once, as {@code field: problem} details. */
  public void validate() {
    List<BerthException.Detail> problems = new ArrayList<>();
    if (id != null && !ID.matcher(id).matches()) {
      problems.add(BerthException.Detail.of("/id", "must be 1-200 letters, digits, '.', '_' or '-', starting with a letter or digit"));
    }
    if (cmd == null || cmd.isBlank()) {
      problems.add(BerthException.Detail.of("/cmd", "is required"));
    }
    checkAmount(problems, "/cpus", cpus);
    checkAmount(problems, "/mem", mem);
    checkAmount(problems, "/disk", disk);
    checkAmount(problems, "/killGracePeriodSeconds", killGracePeriodSeconds);
    if (cpusOrDefault() <= 0 && memOrDefault() <= 0) {
      problems.add(BerthException.Detail.of("/cpus", "a task needs some cpus or mem"));
    }
    if (portsOrEmpty().stream().anyMatch(p -> p == null || p.isBlank())) {
      problems.add(BerthException.Detail.of("/ports", "port names must not be empty"));
    }
    if (portsOrEmpty().size() > 100) {
      problems.add(BerthException.Detail.of("/ports", "at most 100 ports"));
    }
    if (!problems.isEmpty()) {
      throw BerthException.invalid("Invalid task", problems);
    }
  }

  private static void checkAmount(List<BerthException.Detail> problems, String path, Double value) {
    if (value != null && (value.isNaN() || value.isInfinite() || value < 0)) {
      problems.add(BerthException.Detail.of(path, "must be a non-negative number"));
    }
  }
}

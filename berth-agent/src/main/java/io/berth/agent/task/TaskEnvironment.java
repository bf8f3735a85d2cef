package io.berth.agent.task;

import io.berth.agent.runtime.ContainerSpec;
import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.TaskInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The command line and environment a task runs with, as Mesos' command executor and Marathon set them.
 *
 * @param agentIp the agent's address, given to tasks as {@code HOST}
 * @param isolatesFilesystem true when the runtime mounts the sandbox at {@link ContainerSpec#SANDBOX_MOUNT}
 *     (runc); false when tasks see the host filesystem (the process and fake runtimes)
 */
public record TaskEnvironment(String agentIp, boolean isolatesFilesystem) {

  /** Whether a runtime of this {@link io.berth.agent.runtime.ContainerRuntime#name()} isolates the filesystem. */
  public static boolean isolatesFilesystem(String runtimeName) {
    return !("process".equals(runtimeName) || "fake".equals(runtimeName));
  }

  /**
   * The environment: {@code MESOS_*} variables, {@code HOST}, {@code PORT0..n}, {@code PORT}, {@code PORTS},
   * {@code PORT_<NAME>}, then the command's own environment (which wins on a clash).
   */
  public Map<String, String> of(TaskInfo task, String agentId, Path sandbox) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MESOS_SANDBOX", isolatesFilesystem ? ContainerSpec.SANDBOX_MOUNT : sandbox.toString());
    env.put("MESOS_DIRECTORY", sandbox.toString());
    env.put("MESOS_TASK_ID", task.id());
    env.put("MESOS_EXECUTOR_ID", task.executorId() != null ? task.executorId() : task.id());
    env.put("MESOS_FRAMEWORK_ID", task.frameworkId());
    env.put("MESOS_AGENT_ID", agentId);
    env.put("MESOS_SLAVE_ID", agentId);
    env.put("HOST", agentIp);
    List<Long> ports = task.resources().ports().lowest((int) Math.min(task.resources().ports().size(), 65536));
    for (int i = 0; i < ports.size(); i++) {
      env.put("PORT" + i, Long.toString(ports.get(i)));
    }
    if (!ports.isEmpty()) {
      env.put("PORT", Long.toString(ports.getFirst()));
      env.put("PORTS", ports.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
    List<String> names = task.portNames();
    for (int i = 0; i < names.size() && i < ports.size(); i++) {
      if (names.get(i) != null && !names.get(i).isBlank()) {
        env.put("PORT_" + portVariable(names.get(i)), Long.toString(ports.get(i)));
      }
    }
    if (task.command() != null) {
      env.putAll(task.command().environment());
    }
    env.values().removeIf(v -> v == null);
    return env;
  }

  /** {@code http-api} becomes {@code HTTP_API}: upper case, anything but letters and digits becomes '_'. */
  static String portVariable(String name) {
    return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  /**
   * The argv: {@code ["/bin/sh", "-c", value]} for shell commands; otherwise {@code value} is the executable and
   * {@code arguments} its argv with argv[0] included (as in Mesos), so argv = value, arguments[1..].
   */
  public static List<String> argv(CommandInfo command) {
    if (command.shell()) {
      return List.of("/bin/sh", "-c", command.value());
    }
    List<String> argv = new ArrayList<>();
    List<String> args = command.arguments();
    boolean hasValue = command.value() != null && !command.value().isBlank();
    argv.add(hasValue ? command.value() : args.getFirst());
    argv.addAll(args.isEmpty() ? List.of() : args.subList(1, args.size()));
    return argv;
  }
}

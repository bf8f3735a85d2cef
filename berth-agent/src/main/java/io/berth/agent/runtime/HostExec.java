package io.berth.agent.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@link ContainerRuntime#exec} for runtimes without isolation: the command runs on the host in the task's sandbox
 * with its environment, {@code MESOS_SANDBOX} being the sandbox as the host sees it.
 */
final class HostExec {
  private HostExec() {}

  static Process start(List<String> argv, Map<String, String> env, Path sandbox) {
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
    builder.environment().putAll(env);
    if (sandbox != null && Files.isDirectory(sandbox)) {
      builder.environment().put("MESOS_SANDBOX", sandbox.toString());
      builder.directory(sandbox.toFile());
    }
    try {
      return builder.start();
    } catch (IOException e) {
      throw new ContainerException("cannot run " + argv + ": " + e.getMessage(), e);
    }
  }
}

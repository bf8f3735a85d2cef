package io.berth.agent.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to run. The {@code sandbox} (a host directory) is the container's working directory, seen inside as
 * {@link #SANDBOX_MOUNT} by isolating runtimes; its {@code stdout} and {@code stderr} files receive the output.
 * {@code argv} is the full command ({@code ["/bin/sh", "-c", "..."]} for shell commands).
 */
public record ContainerSpec(
    String id,
    Path sandbox,
    List<String> argv,
    Map<String, String> env,
    Limits limits,
    String hostname) {

  /** Where the sandbox appears inside an isolated container (as in Mesos). */
  public static final String SANDBOX_MOUNT = "/mnt/mesos/sandbox";

  public ContainerSpec {
    argv = List.copyOf(argv);
    env = Map.copyOf(env);
  }

  public Path stdout() {
    return sandbox.resolve("stdout");
  }

  public Path stderr() {
    return sandbox.resolve("stderr");
  }

  /** Resource limits: {@code cpus} as cores (shares and quota), {@code memMiB} hard memory limit, {@code pids}. */
  public record Limits(double cpus, double memMiB, long pids) {
    public static final long DEFAULT_PIDS = 4096;
  }
}

package io.berth.agent.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to run. The {@code sandbox} (a host directory) is the container's working directory, seen inside as
 * {@link #SANDBOX_MOUNT} by isolating runtimes; its {@code stdout} and {@code stderr} files receive the output.
 * {@code argv} is the full command ({@code ["/bin/sh", "-c", "..."]} for shell commands). {@code mounts} are host
 * directories (a task group's volumes) to show inside the container; only isolating runtimes can mount them (see
 * {@link Mount}).
 */
public record ContainerSpec(
    String id,
    Path sandbox,
    List<String> argv,
    Map<String, String> env,
    Limits limits,
    String hostname,
    List<Mount> mounts) {

  /** Where the sandbox appears inside an isolated container (as in Mesos). */
  public static final String SANDBOX_MOUNT = "/mnt/mesos/sandbox";

  public ContainerSpec {
    argv = List.copyOf(argv);
    env = Map.copyOf(env);
    mounts = mounts == null ? List.of() : List.copyOf(mounts);
  }

  /** A container without mounts. */
  public ContainerSpec(String id, Path sandbox, List<String> argv, Map<String, String> env, Limits limits,
      String hostname) {
    this(id, sandbox, argv, env, limits, hostname, List.of());
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

  /**
   * A bind mount of the host directory {@code hostPath} at {@code containerPath}: absolute, or relative to the
   * sandbox mount. {@code name} names the volume (for runtimes that cannot mount: they expose the host path in
   * {@code VOLUME_<NAME>}).
   */
  public record Mount(String name, Path hostPath, String containerPath, boolean readOnly) {
    /** Where the mount appears inside an isolated container. */
    public String destination() {
      return containerPath.startsWith("/") ? containerPath : SANDBOX_MOUNT + "/" + containerPath;
    }
  }
}

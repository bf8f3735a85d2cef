package io.berth.bench;

import io.berth.agent.runc.RuncConfig;
import io.berth.agent.runc.RuncRuntime;
import io.berth.agent.runtime.ContainerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A breakdown series: the agent's own container runtime ({@link RuncRuntime#start}: bundle, conmon (a spare one,
 * started ahead) with {@code runc create}, {@code runc start}) called in this process, without master, agent or HTTP. Between the
 * raw-runc reference and the full Berth launch it shows how much of Berth's time is the runtime and how much the
 * control plane. Each container is removed outside the timed part.
 */
final class RuntimeLauncher implements AutoCloseable {
  private final RuncRuntime runtime;
  private final Path sandboxes;
  private final String command;

  RuntimeLauncher(Path stateDir, String command) throws IOException {
    this.runtime = new RuncRuntime(RuncConfig.defaults(stateDir.resolve("state"))
        .withCgroupParent(RuncLauncher.CGROUP_PARENT));
    this.sandboxes = Files.createDirectories(stateDir.resolve("sandboxes"));
    this.command = command;
  }

  /** One start: the container's id (a prepared one, as the agent takes it, else {@code id}) and its duration. */
  record Launch(String containerId, long nanos) {}

  /**
   * Starts a container as the agent would (under the runtime's prepared id when it has one ready) and returns how
   * long {@link RuncRuntime#start} took.
   */
  Launch launch(String id) throws IOException {
    Path sandbox = Files.createDirectories(sandboxes.resolve(id));
    String containerId = runtime.takePreparedId().orElse(id);
    ContainerSpec spec = new ContainerSpec(containerId, sandbox, List.of("/bin/sh", "-c", command),
        Map.of("MESOS_SANDBOX", ContainerSpec.SANDBOX_MOUNT, "MESOS_TASK_ID", id, "HOST", "127.0.0.1"),
        new ContainerSpec.Limits(BerthLauncher.TASK_CPUS, BerthLauncher.TASK_MEM, ContainerSpec.Limits.DEFAULT_PIDS),
        "berth-bench");
    long started = System.nanoTime();
    runtime.start(spec);
    return new Launch(containerId, System.nanoTime() - started);
  }

  /** Kills and removes the container (monitor, runc state, cgroup, bundle) and the sandbox of {@code id}. */
  void remove(String id, Launch launch) throws IOException {
    runtime.remove(launch.containerId());
    io.berth.agent.runc.ReferenceBundles.delete(sandboxes.resolve(id));
  }

  @Override
  public void close() {
    runtime.list().forEach(runtime::remove);
    runtime.close();
  }
}

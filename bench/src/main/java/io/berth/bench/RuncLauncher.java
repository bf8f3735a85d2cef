package io.berth.bench;

import io.berth.agent.runc.ReferenceBundles;
import io.berth.agent.runtime.ContainerSpec;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The reference: {@code runc run --detach} of a bundle equivalent to a Berth task's (written by the agent's own
 * spec writer, see {@link ReferenceBundles}), with the benchmark's own {@code runc --root}. The bundle is written
 * before the clock starts (a user of raw runc has it ready); the time is from invoking runc to its return, when
 * the container's process runs. Each container is removed ({@code runc delete --force}) outside the timed part.
 */
final class RuncLauncher implements AutoCloseable {
  static final String CGROUP_PARENT = "/berth-bench-launch";

  /** One launch: how long {@code runc run -d} took, and (not timed with it) how long writing the bundle took. */
  record Sample(String id, long runNanos, long bundleNanos) {}

  private final ReferenceBundles bundles;
  private final Path runcRoot;
  private final Path containers;
  private final Path sandboxes;
  private final String command;
  private final Duration timeout;
  private final List<String> created = new ArrayList<>();

  RuncLauncher(Path stateDir, String command, Duration timeout) throws IOException {
    this.bundles = new ReferenceBundles(stateDir, CGROUP_PARENT);
    this.runcRoot = Files.createDirectories(stateDir.resolve("runc"));
    this.containers = Files.createDirectories(stateDir.resolve("containers"));
    this.sandboxes = Files.createDirectories(stateDir.resolve("sandboxes"));
    this.command = command;
    this.timeout = timeout;
  }

  Path runcBinary() {
    return bundles.runc();
  }

  String describe() {
    return bundles.runc() + " run --detach (init " + bundles.init() + ", cgroup " + CGROUP_PARENT + "/<id>)";
  }

  Sample launch(String id) throws IOException, InterruptedException {
    Path sandbox = Files.createDirectories(sandboxes.resolve(id));
    ContainerSpec spec = new ContainerSpec(id, sandbox, List.of("/bin/sh", "-c", command), environment(id, sandbox),
        new ContainerSpec.Limits(BerthLauncher.TASK_CPUS, BerthLauncher.TASK_MEM, ContainerSpec.Limits.DEFAULT_PIDS),
        "berth-bench");
    Files.createFile(spec.stdout());
    Files.createFile(spec.stderr());
    Path bundle = containers.resolve(id);
    long bundleStarted = System.nanoTime();
    bundles.write(spec, bundle);
    long bundleNanos = System.nanoTime() - bundleStarted;

    ProcessBuilder run = runc("run", "--detach", "--bundle", bundle.toString(), id)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.stdout().toFile()))
        .redirectError(ProcessBuilder.Redirect.appendTo(spec.stderr().toFile()));
    created.add(id);
    long started = System.nanoTime();
    Process process = run.start();
    boolean returned = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    long runNanos = System.nanoTime() - started;
    if (!returned) {
      process.destroyForcibly();
      throw new IllegalStateException("runc run " + id + " did not return within " + timeout.toSeconds() + " s");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("runc run " + id + " exited " + process.exitValue() + ": "
          + Files.readString(spec.stderr(), StandardCharsets.UTF_8).strip());
    }
    return new Sample(id, runNanos, bundleNanos);
  }

  /** Kills and deletes a container, its bundle and sandbox. */
  void remove(String id) throws IOException, InterruptedException {
    Process delete = runc("delete", "--force", id).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!delete.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      delete.destroyForcibly();
      throw new IllegalStateException("runc delete " + id + " did not return within " + timeout.toSeconds() + " s");
    }
    created.remove(id);
    ReferenceBundles.delete(containers.resolve(id));
    ReferenceBundles.delete(sandboxes.resolve(id));
  }

  /** Removes what is left (after a failure) and the cgroup parent. */
  @Override
  public void close() throws IOException, InterruptedException {
    for (String id : List.copyOf(created)) {
      remove(id);
    }
    removeCgroupParent();
  }

  private ProcessBuilder runc(String... args) {
    List<String> argv = new ArrayList<>(List.of(bundles.runc().toString(), "--root", runcRoot.toString()));
    argv.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(new File("/dev/null"));
    builder.environment().clear();
    builder.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    return builder;
  }

  /** The variables a Berth task gets (values of the same shape), so the config sizes match. */
  private static Map<String, String> environment(String id, Path sandbox) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MESOS_SANDBOX", ContainerSpec.SANDBOX_MOUNT);
    env.put("MESOS_DIRECTORY", sandbox.toString());
    env.put("MESOS_TASK_ID", id);
    env.put("MESOS_EXECUTOR_ID", id);
    env.put("MESOS_FRAMEWORK_ID", "berth-bench-launch");
    env.put("MESOS_AGENT_ID", "berth-bench-launch");
    env.put("MESOS_SLAVE_ID", "berth-bench-launch");
    env.put("HOST", "127.0.0.1");
    return env;
  }

  /** runc deletes each container's cgroup, not the parent it created in every hierarchy. */
  private static void removeCgroupParent() throws IOException {
    Path cgroups = Path.of("/sys/fs/cgroup");
    if (!Files.isDirectory(cgroups)) {
      return;
    }
    List<Path> candidates = new ArrayList<>(List.of(cgroups.resolve(CGROUP_PARENT.substring(1))));
    try (Stream<Path> hierarchies = Files.list(cgroups)) {
      hierarchies.filter(Files::isDirectory).map(h -> h.resolve(CGROUP_PARENT.substring(1))).forEach(candidates::add);
    }
    for (Path parent : candidates) {
      try {
        Files.deleteIfExists(parent); // rmdir of an empty cgroup
      } catch (IOException e) {
        // still in use or not ours to remove: leave it
      }
    }
  }
}

package io.berth.bench.marathon;

import io.berth.agent.runc.ReferenceBundles;
import io.berth.agent.runtime.ContainerSpec;
import io.berth.common.time.SystemTime;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The reference for the real-runc part: the same number of containers started by hand with
 * {@code runc run --detach}, one after the other, from bundles written by the agent's own spec writer (written
 * before the clock starts, as a raw-runc user has them ready). Measures the time until all were started.
 */
final class RuncReference implements AutoCloseable {
  static final String CGROUP_PARENT = "/berth-bench-marathon";
  private final ReferenceBundles bundles;
  private final Path root;
  private final Path dir;
  private final List<String> created = new ArrayList<>();

  RuncReference(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.bundles = new ReferenceBundles(dir, CGROUP_PARENT);
    this.root = Files.createDirectories(dir.resolve("runc"));
  }

  /** Starts {@code count} containers of {@code command}; returns the nanoseconds from the first run to the last return. */
  long startAll(int count, String command, double cpus, double mem) throws IOException, InterruptedException {
    List<Path> prepared = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = "berth-bench-marathon-ref-" + i;
      Path sandbox = Files.createDirectories(dir.resolve("sandboxes").resolve(id));
      Map<String, String> env = new LinkedHashMap<>(Map.of("MESOS_SANDBOX", ContainerSpec.SANDBOX_MOUNT, "MESOS_TASK_ID", id,
          "HOST", "127.0.0.1"));
      ContainerSpec spec = new ContainerSpec(id, sandbox, List.of("/bin/sh", "-c", command), env,
          new ContainerSpec.Limits(cpus, mem, ContainerSpec.Limits.DEFAULT_PIDS), "berth-bench");
      Files.createFile(spec.stdout());
      Files.createFile(spec.stderr());
      Path bundle = dir.resolve("bundles").resolve(id);
      bundles.write(spec, bundle);
      prepared.add(bundle);
    }
    long start = SystemTime.ticker().nanos();
    for (Path bundle : prepared) {
      String id = bundle.getFileName().toString();
      created.add(id);
      Process p = runc("run", "--detach", "--bundle", bundle.toString(), id).start();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("runc run " + id + " failed: " + new String(p.getErrorStream().readAllBytes()));
      }
    }
    return SystemTime.ticker().nanos() - start;
  }

  private ProcessBuilder runc(String... args) {
    List<String> argv = new ArrayList<>(List.of(bundles.runc().toString(), "--root", root.toString()));
    argv.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(argv).redirectInput(new File("/dev/null")).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    b.environment().clear();
    b.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    return b;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    for (String id : created) {
      runc("delete", "--force", id).redirectError(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
    }
    Path bundlesDir = dir.resolve("bundles");
    if (Files.isDirectory(bundlesDir)) {
      try (var list = Files.list(bundlesDir)) {
        for (Path b : list.toList()) {
          ReferenceBundles.delete(b);
        }
      }
    }
    for (String hierarchy : List.of("cpu", "cpuacct", "memory", "pids", "cpu,cpuacct")) {
      Files.deleteIfExists(Path.of("/sys/fs/cgroup", hierarchy, CGROUP_PARENT.substring(1)));
    }
  }
}

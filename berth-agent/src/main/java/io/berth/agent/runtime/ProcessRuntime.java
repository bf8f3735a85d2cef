package io.berth.agent.runtime;

import io.berth.common.time.SystemTime;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each container as a plain process group on the host.
 *
 * <p><b>WARNING: NO ISOLATION.</b> Tasks run as the agent's user with the agent's view of the machine: no
 * namespaces, no cgroups, no resource limits ({@link ContainerSpec.Limits} and {@link ContainerSpec#hostname} are
 * ignored), no read-only host filesystem. A task can read and write anything the agent can, including other
 * tasks' sandboxes and the agent's own work dir. Use it only on development machines that have no runc
 * ({@code --runtime=process}) and only for trusted workloads.
 *
 * <p>How processes outlive the agent: each container gets a small monitor shell started with {@code setsid -f}
 * (so it belongs to no process of the agent). The monitor starts the task in its own session (the task's pid is
 * its process group id), waits for it and writes the exit code. Files in {@code stateDir}, per container id:
 * {@code <id>.monitor} (the monitor's pid), {@code <id>.pid} (the task's pid = process group),
 * {@code <id>.exit} (the exit code, shell convention: 128 + signal when killed), {@code <id>.log} (the monitor's
 * own output). Signals go to the whole process group. A new instance on the same {@code stateDir} finds
 * everything again.
 */
public final class ProcessRuntime implements ContainerRuntime {
  private static final Logger log = LoggerFactory.getLogger(ProcessRuntime.class);
  private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** The monitor: $1 state prefix, $2 stdout, $3 stderr, then the task's argv. */
  private static final String MONITOR_SCRIPT = """
      p="$1"; out="$2"; err="$3"; shift 3
      echo $$ > "$p.monitor.tmp" && mv "$p.monitor.tmp" "$p.monitor"
      /bin/sh -c 'echo $$ > "$0.pid.tmp" && mv "$0.pid.tmp" "$0.pid" && exec setsid "$@"' "$p" "$@" \
        >> "$out" 2>> "$err" < /dev/null
      code=$?
      echo $code > "$p.exit.tmp" && mv "$p.exit.tmp" "$p.exit"
      """;

  private final Path stateDir;
  private final ExitFileWatcher watcher;

  /** Keeps its files in {@code stateDir} (created if missing), e.g. {@code <workDir>/runtime/process}. */
  public ProcessRuntime(Path stateDir) {
    this.stateDir = stateDir.toAbsolutePath();
    try {
      Files.createDirectories(this.stateDir);
    } catch (IOException e) {
      throw new ContainerException("cannot create " + this.stateDir + ": " + e.getMessage(), e);
    }
    this.watcher = new ExitFileWatcher(this.stateDir, this::state);
  }

  @Override
  public String name() {
    return "process";
  }

  @Override
  public StartReport start(ContainerSpec spec) {
    long began = SystemTime.ticker().nanos();
    String id = checkId(spec.id());
    if (!(state(id) instanceof ContainerState.Unknown)) {
      throw new ContainerException("container " + id + " already exists");
    }
    if (spec.argv().isEmpty()) {
      throw new ContainerException("container " + id + " has an empty command");
    }
    List<String> command = new ArrayList<>(List.of("setsid", "-f", "/bin/sh", "-c", MONITOR_SCRIPT, "berth-monitor",
        file(id, "").toString(), spec.stdout().toAbsolutePath().toString(),
        spec.stderr().toAbsolutePath().toString()));
    command.addAll(spec.argv());
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(spec.sandbox().toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(file(id, ".log").toFile()))
        .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", DEFAULT_PATH);
    env.putAll(spec.env());
    linkMounts(spec, env);
    try {
      Process launcher = builder.start();
      if (!launcher.waitFor(10, TimeUnit.SECONDS) || launcher.exitValue() != 0) {
        launcher.destroyForcibly();
        throw new ContainerException("cannot start container " + id + ": setsid failed; see " + file(id, ".log"));
      }
    } catch (IOException e) {
      throw new ContainerException("cannot start container " + id + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerException("interrupted while starting container " + id, e);
    }
    awaitPidFile(id);
    return new StartReport(readLong(file(id, ".pid")).orElse(0L), SystemTime.ticker().since(began), "");
  }

  /**
   * Plain processes share the host's mounts, so volumes cannot be mounted: a mount at a relative path becomes a
   * symlink in the sandbox to the volume's host directory, and every volume's host path is in {@code VOLUME_<NAME>}.
   * A mount at an absolute path needs an isolating runtime (runc); here only the variable shows where it is.
   */
  private static void linkMounts(ContainerSpec spec, Map<String, String> env) {
    for (ContainerSpec.Mount m : spec.mounts()) {
      env.put("VOLUME_" + m.name().toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9_]", "_"),
          m.hostPath().toAbsolutePath().toString());
      if (!m.containerPath().startsWith("/")) {
        Path link = spec.sandbox().resolve(m.containerPath()).normalize();
        try {
          if (link.startsWith(spec.sandbox()) && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, m.hostPath().toAbsolutePath());
          }
        } catch (IOException e) {
          throw new ContainerException("cannot link volume " + m.name() + " into " + link + ": " + e.getMessage(), e);
        }
      }
    }
  }

  private void awaitPidFile(String id) {
    long deadline = SystemTime.ticker().nanos() + START_TIMEOUT_NANOS;
    long pause = TimeUnit.MILLISECONDS.toNanos(1);
    while (!Files.exists(file(id, ".pid")) && !Files.exists(file(id, ".exit"))) {
      if (SystemTime.ticker().nanos() > deadline) {
        readLong(file(id, ".monitor")).ifPresent(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        remove(id);
        throw new ContainerException("container " + id + " did not start within 10 s");
      }
      LockSupport.parkNanos(pause);
      pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(50));
    }
  }

  @Override
  public List<String> list() {
    TreeSet<String> ids = new TreeSet<>();
    try (Stream<Path> files = Files.list(stateDir)) {
      files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".monitor") || n.endsWith(".exit"))
          .forEach(n -> ids.add(n.substring(0, n.lastIndexOf('.'))));
    } catch (IOException e) {
      throw new ContainerException("cannot list " + stateDir + ": " + e.getMessage(), e);
    }
    return List.copyOf(ids);
  }

  @Override
  public ContainerState state(String containerId) {
    String id = checkId(containerId);
    OptionalLong exit = readLong(file(id, ".exit"));
    if (exit.isPresent()) {
      return new ContainerState.Exited(ExitStatus.exited((int) exit.getAsLong()));
    }
    OptionalLong monitor = readLong(file(id, ".monitor"));
    if (monitor.isEmpty()) {
      return new ContainerState.Unknown();
    }
    if (ProcessHandle.of(monitor.getAsLong()).map(ProcessHandle::isAlive).orElse(false)) {
      return new ContainerState.Running(readLong(file(id, ".pid")).orElse(monitor.getAsLong()));
    }
    // The monitor may have written the exit file between the two reads.
    OptionalLong late = readLong(file(id, ".exit"));
    if (late.isPresent()) {
      return new ContainerState.Exited(ExitStatus.exited((int) late.getAsLong()));
    }
    return new ContainerState.Exited(new ExitStatus(-1, null, false,
        "the process monitor of container " + id + " died (machine reboot?); the exit status is unknown"));
  }

  @Override
  public CompletableFuture<ExitStatus> awaitExit(String containerId) {
    return switch (state(containerId)) {
      case ContainerState.Exited e -> CompletableFuture.completedFuture(e.status());
      case ContainerState.Unknown u ->
          CompletableFuture.failedFuture(new ContainerException("unknown container " + containerId));
      case ContainerState.Running r -> watcher.await(containerId);
    };
  }

  @Override
  public void signal(String containerId, int signal) {
    String id = checkId(containerId);
    if (!(state(id) instanceof ContainerState.Running)) {
      return;
    }
    OptionalLong pid = readLong(file(id, ".pid"));
    if (pid.isEmpty()) {
      return;
    }
    if (!kill(signal, "-" + pid.getAsLong())) {
      kill(signal, Long.toString(pid.getAsLong()));
    }
  }

  private static boolean kill(int signal, String target) {
    try {
      Process p = new ProcessBuilder("kill", "-" + signal, "--", target)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      throw new ContainerException("cannot run kill: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** No isolation: the command runs on the host, in the sandbox (see {@link HostExec}). */
  @Override
  public Process exec(String containerId, List<String> argv, Map<String, String> env, Path sandbox) {
    return HostExec.start(argv, env, sandbox);
  }

  @Override
  public void remove(String containerId) {
    String id = checkId(containerId);
    if (state(id) instanceof ContainerState.Running) {
      throw new ContainerException("container " + id + " is still running");
    }
    for (String suffix : List.of(".monitor", ".pid", ".exit", ".log", ".monitor.tmp", ".pid.tmp", ".exit.tmp")) {
      try {
        Files.deleteIfExists(file(id, suffix));
      } catch (IOException e) {
        throw new ContainerException("cannot remove " + file(id, suffix) + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void close() {
    watcher.close();
  }

  private Path file(String id, String suffix) {
    return stateDir.resolve(id + suffix);
  }

  private static String checkId(String id) {
    if (id == null || !VALID_ID.matcher(id).matches()) {
      throw new ContainerException("invalid container id '" + id + "'");
    }
    return id;
  }

  private static OptionalLong readLong(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
    } catch (java.nio.file.NoSuchFileException e) {
      return OptionalLong.empty();
    } catch (NumberFormatException e) {
      log.warn("ignoring unreadable {}: {}", file, e.getMessage());
      return OptionalLong.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.berth.agent.runc;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.agent.runtime.ContainerException;
import io.berth.common.json.Json;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Starts and finds conmon, the monitor of one container (as CRI-O and Podman use it). conmon forks, its first
 * process exits at once and the daemon calls {@code setsid()}: it belongs to no session or process group of the
 * agent, is re-parented to init, gets none of the agent's signals and outlives the agent's JVM. It runs
 * {@code runc create}, waits for the container's pid 1 as a subreaper and writes its exit code (shell
 * convention) to {@code <exitDir>/<id>} atomically, even when nobody watches.
 *
 * <p>conmon is started directly ({@link PosixSpawn}, no shell): standard input {@code /dev/null}, stdout and
 * stderr the sandbox files opened for append, the write end of a pipe as descriptor 3 with
 * {@code _OCI_SYNCPIPE=3}. With the {@code passthrough} log driver conmon hands its stdout and stderr to runc and
 * so to the container. conmon reports {@code {"data": <pid>}} on the sync pipe once {@code runc create}
 * succeeded ({@code {"data": -1, "message": ...}} or nothing on failure); the agent reads that one line
 * ({@link SyncPipe}) and closes its end, so nothing of the agent stays attached to the monitor.
 */
final class ConmonMonitor {
  /** conmon's descriptor of the sync pipe. */
  private static final int SYNC_FD = 3;
  /** The attach socket {@code <socketDir>/<cuuid>/attach} must fit into a unix socket path (108 bytes). */
  private static final int MAX_SOCKET_DIR_LENGTH = 80;
  private static final int MAX_ERROR_BYTES = 4096;
  /** The environment of a spare monitor's gate: its FIFO, and the runc it becomes. */
  static final String GATE_ENV = "BERTH_GATE";
  static final String RUNC_ENV = "BERTH_RUNC";

  private final RuncConfig config;
  private final RuncCommand runc;
  private final Path exitDir;
  private final Path socketDir;

  ConmonMonitor(RuncConfig config, RuncCommand runc, Path exitDir, Path socketDir) {
    this.config = config;
    this.runc = runc;
    this.exitDir = exitDir;
    this.socketDir = socketDir;
  }

  /** {@code <stateDir>/sockets}, or a short directory under {@code /run} when that path is too long. */
  static Path socketDir(Path stateDir) {
    Path preferred = stateDir.resolve("sockets");
    if (preferred.toString().length() <= MAX_SOCKET_DIR_LENGTH) {
      return preferred;
    }
    return Path.of("/run/berth-conmon", shortHash(stateDir.toString()));
  }

  /**
   * Starts conmon, which runs {@code runc create}; returns the pid of the created container's pid 1.
   *
   * @throws ContainerException with runc's (or conmon's) error text when the container could not be created
   */
  long create(String id, ContainerDir dir, Path stdout, Path stderr) {
    long stderrBefore = size(stderr);
    // conmon's working directory is where it creates the "oom" marker
    PosixSpawn.Child child = spawn(id, dir, dir.root(), config.runc(), Map.of(), stdout, stderr);
    Optional<String> line = Optional.empty();
    try {
      line = SyncPipe.readLine(child.pipeReadFd(), config.commandTimeout());
    } finally {
      // the first conmon process exits as soon as it has forked the monitor (re-parented to init), long before
      // the report: reaping it does not wait (after a timeout, it is not waited for)
      PosixSpawn.reap(child.pid(), line.isPresent());
    }
    return createdPid(id, dir, line, stderr, stderrBefore);
  }

  /**
   * Starts a spare monitor: conmon for the container {@code id} whose bundle will be {@code dir.root()}, running
   * {@code gate} in place of runc, which waits at {@code dir.gate()} (see {@link SpareMonitors}). Returns once the
   * monitor runs on its own, with the read end of its sync pipe.
   *
   * @param workDir conmon's working directory, which becomes {@code dir.root()} (renamed) before the container is
   *     created
   */
  int startSpare(String id, ContainerDir dir, Path workDir, Path gate) {
    Path devNull = Path.of("/dev/null"); // the gate gives runc the container's stdout and stderr
    PosixSpawn.Child child = spawn(id, dir, workDir, gate,
        Map.of(GATE_ENV, dir.gate().toString(), RUNC_ENV, config.runc().toString()), devNull, devNull);
    PosixSpawn.reap(child.pid(), true); // it exits as soon as it has forked the monitor
    return child.pipeReadFd();
  }

  /**
   * Lets a spare monitor's runc create the container: writes the container's stdout and stderr into its gate, then
   * reads conmon's report as {@link #create} does; returns the pid of the created container's pid 1. Takes over (and
   * closes) {@code syncFd}.
   *
   * @throws ContainerException with runc's (or conmon's) error text when the container could not be created
   */
  long createWithSpare(String id, ContainerDir dir, int syncFd, Path stdout, Path stderr) {
    long stderrBefore = size(stderr);
    FileChannel gate;
    try {
      if ((stdout.toString() + stderr).indexOf('\n') >= 0) {
        throw new IOException("an output path has a line break");
      }
      gate = FileChannel.open(dir.gate(), StandardOpenOption.READ, StandardOpenOption.WRITE); // O_RDWR: no wait
      gate.write(ByteBuffer.wrap((stdout + "\n" + stderr + "\n").getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      PosixSpawn.close(syncFd);
      throw new ContainerException("cannot create container " + id + " through its spare monitor: " + e, e);
    }
    Optional<String> line;
    try (gate) { // held open until the report: bytes in a FIFO that nobody holds open are dropped
      line = SyncPipe.readLine(syncFd, config.commandTimeout());
    } catch (IOException e) {
      throw new ContainerException("cannot close the gate of container " + id + ": " + e, e);
    }
    try {
      Files.deleteIfExists(dir.gate()); // the start got this far (see Recovery)
    } catch (IOException e) {
      throw new ContainerException("cannot remove the gate of container " + id + ": " + e, e);
    }
    return createdPid(id, dir, line, stderr, stderrBefore);
  }

  /** Starts conmon running {@code runtime} (runc, or the gate in front of it) for container {@code id}. */
  private PosixSpawn.Child spawn(String id, ContainerDir dir, Path workDir, Path runtime, Map<String, String> env,
      Path stdout, Path stderr) {
    List<String> command = new ArrayList<>(List.of(config.conmon().toString(),
        "--api-version", "1",
        "--cid", id, "--cuuid", shortHash(id), "--name", id,
        "--runtime", runtime.toString(),
        "--bundle", dir.root().toString(),
        "--container-pidfile", dir.containerPidFile().toString(),
        "--conmon-pidfile", dir.conmonPidFile().toString(),
        "--exit-dir", exitDir.toString(),
        "--socket-dir-path", socketDir.toString(),
        "--log-path", "passthrough"));
    List<String> runtimeArgs = new ArrayList<>(runc.globalArgs());
    runtimeArgs.addAll(List.of("--log", dir.runcLog().toString(), "--log-format", "json"));
    runtimeArgs.forEach(a -> command.addAll(List.of("--runtime-arg", a)));
    Map<String, String> environment = new HashMap<>(env);
    environment.put("PATH", OciSpecWriter.DEFAULT_PATH);
    environment.put("_OCI_SYNCPIPE", Integer.toString(SYNC_FD));
    return PosixSpawn.spawn(command, environment, workDir, stdout, stderr, SYNC_FD);
  }

  /** The container's pid from conmon's report, or the reason it was not created. */
  private long createdPid(String id, ContainerDir dir, Optional<String> line, Path stderr, long stderrBefore) {
    if (line.isEmpty()) {
      throw new ContainerException("cannot create container " + id + ": conmon did not report within "
          + config.commandTimeout().toSeconds() + " s");
    }
    JsonNode sync = line.get().startsWith("{") ? Json.tree(line.get().getBytes(StandardCharsets.UTF_8)) : null;
    long pid = sync == null ? -1 : sync.path("data").asLong(-1);
    if (pid > 0) {
      return pid;
    }
    Optional<String> syncMessage =
        Optional.ofNullable(sync).map(s -> s.path("message").asText("")).filter(s -> !s.isBlank());
    String message = runcError(dir)
        .or(() -> syncMessage)
        .or(() -> appended(stderr, stderrBefore))
        .orElse("conmon exited without creating the container");
    throw new ContainerException("cannot create container " + id + ": " + message.strip());
  }

  /** The conmon of this container while it runs (checked by its command line, so a reused pid does not count). */
  Optional<ProcessHandle> find(String id, ContainerDir dir) {
    OptionalLong pid = dir.conmonPid();
    if (pid.isEmpty()) {
      return Optional.empty();
    }
    List<String> args = commandLine(pid.getAsLong());
    int cid = args.indexOf("--cid");
    boolean ours = !args.isEmpty() && args.getFirst().endsWith("conmon") && cid >= 0 && cid + 1 < args.size()
        && args.get(cid + 1).equals(id) && args.contains(exitDir.toString());
    return ours ? ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive) : Optional.empty();
  }

  /** A process's arguments (empty when it is gone). */
  private static List<String> commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return raw.length == 0 ? List.of() : List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * Kills the container's conmon (SIGKILL: it writes no exit file), and a spare monitor's gate that still waits,
   * and removes its attach socket link.
   */
  void kill(String id, ContainerDir dir) {
    find(id, dir).ifPresent(monitor -> {
      List<ProcessHandle> gates = monitor.children().filter(child -> commandLine(child.pid()).stream()
          .anyMatch(arg -> arg.endsWith(SpareMonitors.GATE_NAME))).toList(); // before conmon goes and they move
      monitor.destroyForcibly();
      gates.forEach(ProcessHandle::destroyForcibly);
    });
    try {
      Files.deleteIfExists(socketDir.resolve(shortHash(id)));
    } catch (IOException e) {
      // conmon removes it itself when it ends normally
    }
  }

  /** The last error runc logged ({@code --log-format json}). */
  private static Optional<String> runcError(ContainerDir dir) {
    try {
      String error = null;
      for (String line : Files.readAllLines(dir.runcLog(), StandardCharsets.UTF_8)) {
        if (line.startsWith("{")) {
          JsonNode node = Json.tree(line.getBytes(StandardCharsets.UTF_8));
          if (node.path("level").asText().equals("error") || node.path("level").asText().equals("fatal")) {
            error = node.path("msg").asText();
          }
        }
      }
      return Optional.ofNullable(error).filter(s -> !s.isBlank());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** What was appended to the sandbox's stderr since {@code offset} (conmon's own messages land there). */
  private static Optional<String> appended(Path file, long offset) {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long length = f.length();
      if (length <= offset) {
        return Optional.empty();
      }
      long from = Math.max(offset, length - MAX_ERROR_BYTES);
      byte[] bytes = new byte[(int) (length - from)];
      f.seek(from);
      f.readFully(bytes);
      return Optional.of(new String(bytes, StandardCharsets.UTF_8)).filter(s -> !s.isBlank());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  static String shortHash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

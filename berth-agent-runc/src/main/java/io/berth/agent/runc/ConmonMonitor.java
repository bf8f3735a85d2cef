package io.berth.agent.runc;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.agent.runc.CommandRunner.Result;
import io.berth.agent.runtime.ContainerException;
import io.berth.common.json.Json;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
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
 * <p>The launcher is a small {@code sh} command, {@code conmon ... 3>&1 1>>stdout 2>>stderr </dev/null | read
 * line} with {@code _OCI_SYNCPIPE=3}. With the {@code passthrough} log driver conmon hands its own stdout and
 * stderr, the sandbox files opened for append, to runc and so to the container. conmon reports
 * {@code {"data": <pid>}} on the sync pipe (fd 3) once {@code runc create} succeeded, or closes it on failure;
 * the reader prints that one line and exits, so the launcher ends once the container is created, and neither the
 * JVM nor the launcher holds the pipe afterwards (the JVM drops a child's pipes when the child exits, which would
 * break a pipe that the JVM read directly from conmon).
 */
final class ConmonMonitor {
  private static final String LAUNCHER =
      "o=$1; e=$2; shift 2; { \"$@\" 3>&1 1>>\"$o\" 2>>\"$e\" </dev/null; } | { read -r l; echo \"$l\"; }";
  /** The attach socket {@code <socketDir>/<cuuid>/attach} must fit into a unix socket path (108 bytes). */
  private static final int MAX_SOCKET_DIR_LENGTH = 80;
  private static final int MAX_ERROR_BYTES = 4096;

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
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", LAUNCHER, "berth-conmon",
        stdout.toString(), stderr.toString(), config.conmon().toString(),
        "--api-version", "1",
        "--cid", id, "--cuuid", shortHash(id), "--name", id,
        "--runtime", config.runc().toString(),
        "--bundle", dir.root().toString(),
        "--container-pidfile", dir.containerPidFile().toString(),
        "--conmon-pidfile", dir.conmonPidFile().toString(),
        "--exit-dir", exitDir.toString(),
        "--socket-dir-path", socketDir.toString(),
        "--log-path", "passthrough"));
    List<String> runtimeArgs = new ArrayList<>(runc.globalArgs());
    runtimeArgs.addAll(List.of("--log", dir.runcLog().toString(), "--log-format", "json"));
    runtimeArgs.forEach(a -> command.addAll(List.of("--runtime-arg", a)));

    // conmon's working directory is where it creates the "oom" marker
    Result result = CommandRunner.run(
        command, Map.of("_OCI_SYNCPIPE", "3"), dir.root().toFile(), config.commandTimeout());
    JsonNode sync = null;
    StringBuilder launcherOutput = new StringBuilder();
    for (String line : result.output().split("\n")) {
      if (line.startsWith("{")) {
        sync = Json.tree(line.getBytes(StandardCharsets.UTF_8));
      } else if (!line.isBlank()) {
        launcherOutput.append(line).append('\n');
      }
    }
    long pid = sync == null ? -1 : sync.path("data").asLong(-1);
    if (pid > 0) {
      return pid;
    }
    Optional<String> syncMessage =
        Optional.ofNullable(sync).map(s -> s.path("message").asText("")).filter(s -> !s.isBlank());
    String message = runcError(dir)
        .or(() -> syncMessage)
        .or(() -> appended(stderr, stderrBefore))
        .orElse(launcherOutput.isEmpty() ? "conmon exited without creating the container" : launcherOutput.toString());
    throw new ContainerException("cannot create container " + id + ": " + message.strip());
  }

  /** The conmon of this container while it runs (checked by its command line, so a reused pid does not count). */
  Optional<ProcessHandle> find(String id, ContainerDir dir) {
    OptionalLong pid = dir.conmonPid();
    if (pid.isEmpty()) {
      return Optional.empty();
    }
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid.getAsLong()), "cmdline"));
      List<String> args = List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
      int cid = args.indexOf("--cid");
      boolean ours = !args.isEmpty() && args.getFirst().endsWith("conmon") && cid >= 0 && cid + 1 < args.size()
          && args.get(cid + 1).equals(id) && args.contains(exitDir.toString());
      return ours ? ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Kills the container's conmon (SIGKILL: it writes no exit file) and removes its attach socket link. */
  void kill(String id, ContainerDir dir) {
    find(id, dir).ifPresent(ProcessHandle::destroyForcibly);
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

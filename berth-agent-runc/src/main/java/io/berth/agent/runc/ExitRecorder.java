package io.berth.agent.runc;

import io.berth.agent.runc.CgroupReader.MemoryReport;
import io.berth.agent.runtime.ExitStatus;
import io.berth.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns conmon's exit file into an {@link ExitStatus} and keeps it as {@code exit.json} in the container's
 * directory. The OOM verdict comes from the container's memory cgroup ({@code oom_kill} of
 * {@code memory.oom_control} in v1, {@code memory.events} in v2), read when the exit is first seen, before
 * {@code runc delete} removes the cgroup (conmon does not delete containers: it runs no exit command here), or
 * from the {@code oom} marker conmon creates on an OOM event. The OOM killer may pick a child of the main
 * process, so the exit code alone says nothing about it.
 */
final class ExitRecorder {
  private static final Logger log = LoggerFactory.getLogger(ExitRecorder.class);
  private static final Map<Integer, String> SIGNAL_NAMES = Map.of(
      1, "Hangup", 2, "Interrupt", 3, "Quit", 4, "Illegal instruction", 6, "Aborted", 7, "Bus error",
      8, "Floating point exception", 9, "Killed", 11, "Segmentation fault", 15, "Terminated");

  private final Path exitDir;
  private final CgroupReader cgroups;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  ExitRecorder(Path exitDir, CgroupReader cgroups) {
    this.exitDir = exitDir;
    this.cgroups = cgroups;
  }

  Path exitDir() {
    return exitDir;
  }

  Path exitFile(String id) {
    return exitDir.resolve(id);
  }

  /**
   * The lock of a container's exit files: held while its status is computed and kept, and while its files are
   * removed, so that a status is computed once and never written into a directory being deleted.
   */
  Object lock(String id) {
    return locks.computeIfAbsent(id, k -> new Object());
  }

  /** Forgets the lock of a removed container. */
  void forget(String id) {
    locks.remove(id);
  }

  /** The exit status once the container's pid 1 has ended, empty while it runs. */
  Optional<ExitStatus> recorded(String id, ContainerDir dir) {
    Optional<ExitStatus> kept = kept(dir);
    if (kept.isPresent() || !Files.exists(exitFile(id))) {
      return kept;
    }
    synchronized (lock(id)) {
      kept = kept(dir);
      if (kept.isPresent()) {
        return kept;
      }
      Optional<Integer> code = exitCode(id);
      if (code.isEmpty() || !dir.exists()) {
        return Optional.empty();
      }
      ExitStatus status = status(code.get(), dir);
      keep(dir, status);
      log.debug("container {} exited: {}", id, status);
      return Optional.of(status);
    }
  }

  /** Records that the exit status is lost: the monitor ended (killed, machine reboot) without writing it. */
  ExitStatus lost(String id, ContainerDir dir) {
    synchronized (lock(id)) {
      ExitStatus status = new ExitStatus(-1, null, readOom(dir).oomKilled(),
          "Container monitor (conmon) is gone; exit status unknown");
      log.warn("container {}: {}", id, status.message());
      if (dir.exists()) {
        keep(dir, status);
      }
      return status;
    }
  }

  private Optional<Integer> exitCode(String id) {
    try {
      String text = Files.readString(exitFile(id), StandardCharsets.US_ASCII).trim();
      return text.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(text));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty(); // not there yet (conmon writes it atomically)
    }
  }

  private ExitStatus status(int code, ContainerDir dir) {
    Integer signal = code > 128 && code <= 128 + 64 ? code - 128 : null;
    Oom oom = readOom(dir);
    String message;
    if (oom.oomKilled()) {
      message = "Memory limit exceeded: Requested: " + mib(oom.memory().limitBytes())
          + " Maximum Used: " + mib(oom.memory().peakBytes());
    } else if (code < 0) {
      message = "Exit status unknown";
    } else if (signal != null) {
      message = "Command terminated with signal " + SIGNAL_NAMES.getOrDefault(signal, "number " + signal);
    } else {
      message = code == 0 ? null : "Command exited with status " + code;
    }
    return new ExitStatus(code, signal, oom.oomKilled(), message);
  }

  private record Oom(boolean oomKilled, MemoryReport memory) {}

  private Oom readOom(ContainerDir dir) {
    MemoryReport memory = cgroupsPath(dir).map(cgroups::memory).orElse(MemoryReport.UNKNOWN);
    return new Oom(memory.oomKills() > 0 || Files.exists(dir.oomMarker()), memory);
  }

  private static Optional<String> cgroupsPath(ContainerDir dir) {
    try {
      String path = Json.tree(Files.readAllBytes(dir.config())).path("linux").path("cgroupsPath").asText("");
      return path.isEmpty() ? Optional.empty() : Optional.of(path);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "unknown" : (bytes >> 20) + "MB";
  }

  private static Optional<ExitStatus> kept(ContainerDir dir) {
    if (!Files.exists(dir.exitStatus())) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.read(Files.readAllBytes(dir.exitStatus()), ExitStatus.class));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void keep(ContainerDir dir, ExitStatus status) {
    try {
      Path tmp = Files.createTempFile(dir.root(), "exit.json.", ".tmp");
      Files.write(tmp, Json.write(status));
      Files.move(tmp, dir.exitStatus(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      log.warn("cannot keep the exit status in {}: {}", dir.exitStatus(), e.toString());
    }
  }
}

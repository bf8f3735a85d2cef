package io.berth.agent.runc;

import io.berth.common.id.IdGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Monitors started ahead of their containers, so that a container start does not wait for its monitor to start.
 * Starting conmon costs a process start, conmon's own start-up (13 shared libraries, glib) and two forks before it
 * runs runc: ~4 ms of a ~37 ms start on this project's benchmark machine. A spare is conmon started for a container
 * id that nobody uses yet, with a small shell script, the <em>gate</em>, as its runtime: conmon starts it at once as
 * it would start {@code runc create}, and the gate waits on a FIFO. To start a container under that id, the runtime
 * renames the spare's directory to the container's bundle directory, writes {@code config.json} and writes the
 * container's stdout and stderr paths into the FIFO: the gate becomes runc with those files as its output (which
 * runc hands to the container, as conmon's {@code passthrough} log driver does) and everything after that is an
 * ordinary conmon start: conmon reports the created container on its sync pipe, watches it and records its exit.
 *
 * <p>Ids come from here: {@link #take} hands out the ready spare's id (the agent names the next container with it,
 * through {@code ContainerRuntime.takePreparedId}); a start under a taken id {@link #claim}s it. At most one spare is
 * ready. The next one is made on a thread of its own {@code refillDelay} after a spare was asked for, so that making
 * it (a process start) does not compete with the start that takes the last one.
 *
 * <p>A spare lives in {@code spares/<id>/} (conmon's working directory, renamed with it) and the run dir's
 * {@code <id>/} (conmon's pid file, the gate's FIFO). Spares that were never started are killed (conmon and the
 * gate) when they are released, when the runtime closes, and when a new runtime finds them left by an agent that
 * was killed.
 */
final class SpareMonitors implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SpareMonitors.class);
  /** The gate's file name in the state dir (also how {@link ConmonMonitor#kill} recognizes a gate). */
  static final String GATE_NAME = "monitor-gate";
  private static final String GATE_SCRIPT = """
      #!/bin/sh
      # Written by the Berth agent (SpareMonitors): a spare conmon runs this in place of runc. It waits until the
      # agent writes the container's stdout and stderr paths, one per line, into the FIFO $BERTH_GATE, then becomes
      # runc ($BERTH_RUNC) with those files as its stdout and stderr. End of file: there is no container; exit.
      { IFS= read -r out && IFS= read -r err; } < "$BERTH_GATE" || exit 1
      exec "$BERTH_RUNC" "$@" >> "$out" 2>> "$err"
      """;

  /** A spare monitor: the container id it was started for, its directory until then, the read end of its sync pipe. */
  record Spare(String id, ContainerDir dir, int syncFd) {}

  private final Path sparesDir;
  private final Path gate;
  private final ConmonMonitor conmon;
  /** Where the container of an id lives (its bundle directory and run dir). */
  private final Function<String, ContainerDir> containerDir;
  private final Duration refillDelay;
  private final IdGenerator ids = IdGenerator.random();
  private final ScheduledExecutorService maker = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().name("runc-spare-monitor").factory());
  private final Map<String, Spare> taken = new HashMap<>();
  private Spare ready;
  private boolean making;
  private boolean closed;

  /** Kills and removes the spares an earlier process left in {@code <stateDir>/spares}. */
  SpareMonitors(Path stateDir, ConmonMonitor conmon, Function<String, ContainerDir> containerDir,
      Duration refillDelay) throws IOException {
    this.sparesDir = Files.createDirectories(stateDir.resolve("spares"));
    this.gate = stateDir.resolve(GATE_NAME);
    this.conmon = conmon;
    this.containerDir = containerDir;
    this.refillDelay = refillDelay;
    Path written = Files.writeString(stateDir.resolve(GATE_NAME + ".new"), GATE_SCRIPT, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rwx------"));
    Files.move(written, gate, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    try (Stream<Path> left = Files.list(sparesDir)) {
      for (Path dir : left.toList()) {
        String id = dir.getFileName().toString();
        log.info("discarding the spare monitor {} of an earlier run", id);
        discard(id, spareDir(id), -1);
      }
    }
  }

  /**
   * The id of the ready spare, handed out once; empty when none is ready, or when its monitor has died since it was
   * made (killed by someone else: it is discarded, and the start makes its own). Either way the next one will be made.
   */
  Optional<String> take() {
    Spare spare;
    synchronized (this) {
      if (closed) {
        return Optional.empty();
      }
      spare = ready;
      ready = null;
      if (!making) {
        making = true;
        maker.schedule(this::make, refillDelay.toNanos(), TimeUnit.NANOSECONDS);
      }
      if (spare == null) {
        return Optional.empty();
      }
      if (conmon.find(spare.id(), spare.dir()).isPresent()) {
        taken.put(spare.id(), spare);
        return Optional.of(spare.id());
      }
    }
    log.warn("the spare monitor {} is gone (killed?): discarding it", spare.id());
    discard(spare);
    return Optional.empty();
  }

  /** The taken spare of this id, for its container's start (which owns it from now on). */
  synchronized Optional<Spare> claim(String id) {
    return Optional.ofNullable(taken.remove(id));
  }

  /** Kills a claimed spare whose start failed before it reached the monitor. */
  void discard(Spare spare) {
    discard(spare.id(), spare.dir(), spare.syncFd());
  }

  /** Kills a taken spare that will not be started; false when {@code id} is not one. */
  boolean release(String id) {
    Spare spare;
    synchronized (this) {
      spare = taken.remove(id);
    }
    if (spare == null) {
      return false;
    }
    discard(spare.id(), spare.dir(), spare.syncFd());
    return true;
  }

  /** Kills the spares that were not started (ready or taken); waits for one being made. */
  @Override
  public void close() {
    List<Spare> unused = new ArrayList<>();
    synchronized (this) {
      closed = true;
      unused.addAll(taken.values());
      taken.clear();
      if (ready != null) {
        unused.add(ready);
        ready = null;
      }
    }
    maker.shutdownNow();
    try {
      if (!maker.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("a spare monitor was still being made when the runtime closed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    unused.forEach(s -> discard(s.id(), s.dir(), s.syncFd()));
  }

  private void make() {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    String id = ids.next();
    ContainerDir dir = spareDir(id);
    Spare spare = null;
    try {
      Files.createDirectories(dir.root());
      Files.createDirectories(dir.run());
      Descriptors.makeFifo(dir.gate());
      spare = new Spare(id, dir, conmon.startSpare(id, containerDir.apply(id), dir.root(), gate));
    } catch (IOException | RuntimeException e) {
      log.warn("cannot make a spare monitor (starts will start their own): {}", e.toString());
      discard(id, dir, -1);
    }
    boolean keep;
    synchronized (this) {
      making = false;
      keep = !closed && spare != null;
      if (keep) {
        ready = spare;
      }
    }
    if (!keep && spare != null) {
      discard(id, dir, spare.syncFd());
    }
  }

  /** The spare of {@code id} before its start: {@code spares/<id>/}, and the run dir of its container. */
  private ContainerDir spareDir(String id) {
    return new ContainerDir(sparesDir.resolve(id), containerDir.apply(id).run());
  }

  private void discard(String id, ContainerDir dir, int syncFd) {
    try {
      conmon.kill(id, dir);
      if (syncFd >= 0) {
        PosixSpawn.close(syncFd);
      }
      dir.delete();
    } catch (IOException | RuntimeException e) {
      log.warn("cannot remove the spare monitor {}: {}", id, e.toString());
    }
  }
}

package io.berth.agent.runc;

import io.berth.agent.runc.OciConfig.Mount;
import io.berth.common.json.Json;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host rootfs skeleton of {@link HostRootfs}, built once and used read-only by every container of a runtime
 * ({@code root.path} of each {@code config.json} points to it), so that a start writes only {@code config.json}.
 * The skeleton holds only empty directories (mount points) and symlinks, and runc mounts over it in each
 * container's own mount namespace, so containers cannot change it or see each other through it.
 *
 * <p><b>Files.</b> {@code <dir>/<hash>/}: one generation per host layout ({@link HostRootfs#stamp}), built in a
 * temporary directory and renamed into place, so an existing generation is always complete. When the host's
 * layout changes (a new top-level directory) the next start builds a new generation; older ones stay while any
 * container may use them and are removed by {@link #collect} when the runtime starts, unless a container's
 * {@code config.json} still names them. A skeleton is never deleted with a container: it is not under any
 * container's directory.
 */
final class SharedRootfs {
  private static final Logger log = LoggerFactory.getLogger(SharedRootfs.class);
  private static final String BUILDING_PREFIX = ".building-";
  private static final AtomicLong BUILDS = new AtomicLong();

  /** A built skeleton: its directory (absolute) and the mounts that show the host in it. */
  record Skeleton(Path rootfs, List<Mount> mounts, String stamp) {}

  private final HostRootfs host;
  private final Path dir;
  private final String keepCreatable;
  private Skeleton current;

  /**
   * @param dir where the generations live ({@code <stateDir>/rootfs})
   * @param keepCreatable the container path (the sandbox mount point) whose ancestors stay real directories
   */
  SharedRootfs(HostRootfs host, Path dir, String keepCreatable) {
    this.host = host;
    this.dir = dir.toAbsolutePath();
    this.keepCreatable = keepCreatable;
  }

  Path dir() {
    return dir;
  }

  /** The skeleton for the host as it is now: the cached one unless the host's layout changed. */
  synchronized Skeleton current() throws IOException {
    String stamp = host.stamp(keepCreatable);
    if (current != null && current.stamp().equals(stamp)) {
      return current;
    }
    Path target = dir.resolve(ConmonMonitor.shortHash(stamp));
    Files.createDirectories(dir);
    Path building = dir.resolve(BUILDING_PREFIX + ProcessHandle.current().pid() + "-" + BUILDS.incrementAndGet());
    List<Mount> mounts = host.build(building, keepCreatable);
    if (Files.isDirectory(target)) { // an earlier run built the same layout: complete, since it was renamed
      ContainerDir.deleteTree(building);
    } else {
      try {
        Files.move(building, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        ContainerDir.deleteTree(building);
      }
      log.info("host rootfs skeleton built in {}", target);
    }
    current = new Skeleton(target, mounts, stamp);
    return current;
  }

  /**
   * Removes the generations that neither the current layout nor any of {@code containerConfigs} (the
   * {@code config.json} of every container that exists) uses, and unfinished builds. Call it before any start.
   */
  synchronized void collect(List<Path> containerConfigs) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    Set<Path> used = new HashSet<>();
    if (current != null) {
      used.add(current.rootfs());
    }
    for (Path config : containerConfigs) {
      Optional<Optional<Path>> root = rootOf(config);
      if (root.isEmpty()) {
        log.warn("cannot read {}: keeping every host rootfs skeleton", config);
        return;
      }
      root.get().ifPresent(used::add);
    }
    List<Path> generations;
    try (Stream<Path> list = Files.list(dir)) {
      generations = list.toList();
    }
    for (Path generation : generations) {
      if (!used.contains(generation)) {
        log.info("removing the unused host rootfs skeleton {}", generation);
        ContainerDir.deleteTree(generation);
      }
    }
  }

  /**
   * The absolute {@code root.path} of a container's {@code config.json} (empty inside: a rootfs of its own, or no
   * config at all); empty outside when the file exists but cannot be read.
   */
  private static Optional<Optional<Path>> rootOf(Path config) {
    if (!Files.exists(config)) {
      return Optional.of(Optional.empty());
    }
    try {
      String root = Json.tree(Files.readAllBytes(config)).path("root").path("path").asText("");
      Path path = Path.of(root);
      return Optional.of(path.isAbsolute() ? Optional.of(path.normalize()) : Optional.empty());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}

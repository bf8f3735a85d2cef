package io.berth.agent.runc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory for a runtime's files that last as long as the machine runs (the pid files of each container and
 * its monitor), on a tmpfs as CRI-O keeps them under {@code /run}: {@code runc create --pid-file} writes its file
 * with {@code O_SYNC}, which on a disk costs a journal commit inside every container start (3–4 ms on this
 * project's benchmark machine, more while ZooKeeper or the agent's checkpoints sync). After a reboot the files are
 * gone, as are the containers they named.
 *
 * <p>The first of {@code /run} and {@code /dev/shm} that is a tmpfs holds {@code berth/<hash of the state dir>}
 * (several agents on one machine do not share it); without a tmpfs, {@code <stateDir>/run}. A {@code berth}
 * directory that is a symlink or belongs to another user is not used.
 */
final class RunDir {
  private static final Logger log = LoggerFactory.getLogger(RunDir.class);
  private static final List<Path> TMPFS_CANDIDATES = List.of(Path.of("/run"), Path.of("/dev/shm"));
  /** Owned by this process's effective user. */
  private static final Path SELF = Path.of("/proc/self");

  private RunDir() {}

  /** The run dir of a runtime whose state lives in {@code stateDir}, created (mode 0700 for its parent). */
  static Path forStateDir(Path stateDir) throws IOException {
    return forStateDir(stateDir, TMPFS_CANDIDATES);
  }

  /** The same, trying {@code candidates} (tmpfs mounts) in turn. */
  static Path forStateDir(Path stateDir, List<Path> candidates) throws IOException {
    String name = ConmonMonitor.shortHash(stateDir.toAbsolutePath().normalize().toString());
    for (Path base : candidates) {
      Optional<Path> parent = ownedTmpfsDir(base);
      if (parent.isPresent()) {
        return Files.createDirectories(parent.get().resolve(name));
      }
    }
    log.info("no tmpfs in {}: the containers' pid files live in {} (each start syncs one to disk)",
        candidates, stateDir.resolve("run"));
    return Files.createDirectories(stateDir.resolve("run"));
  }

  /** {@code <base>/berth} when {@code base} is a tmpfs and that directory is (or is made) ours and not a link. */
  private static Optional<Path> ownedTmpfsDir(Path base) {
    try {
      if (!Files.isDirectory(base) || !"tmpfs".equals(Files.getFileStore(base).type())) {
        return Optional.empty();
      }
      Path dir = base.resolve("berth");
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (java.nio.file.FileAlreadyExistsException raced) {
          // another agent of this machine made it: checked below like any existing one
        }
      }
      boolean ours = Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
          && Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS).equals(Files.getAttribute(SELF, "unix:uid"));
      return ours ? Optional.of(dir) : Optional.empty();
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}

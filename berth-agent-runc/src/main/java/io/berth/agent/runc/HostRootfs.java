package io.berth.agent.runc;

import io.berth.agent.runc.OciConfig.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The host filesystem as a container without an image sees it (Mesos "no image"): read-only, plus its own
 * {@code /tmp}. runc cannot use {@code /} itself as the rootfs, so each container gets a small rootfs directory
 * with an empty directory per top-level host directory, each bind-mounted {@code rbind,ro,nosuid} from the host,
 * and the top-level symlinks ({@code bin -> usr/bin}) re-created as symlinks. The directories on the way to the
 * sandbox mount ({@code /mnt}, {@code /mnt/mesos}) are real directories of the rootfs whose host children are
 * bound one by one, so that the sandbox mount point can be created in them. {@code /proc}, {@code /sys},
 * {@code /dev} get the runtime's own mounts, {@code /tmp} a private tmpfs, and each hidden path (the agent's work
 * dir) an empty read-only tmpfs, so that a container cannot read other containers' sandboxes or bundles.
 *
 * <p>Nothing in the rootfs depends on the container: {@link SharedRootfs} builds it once and every container
 * uses it read-only; {@link #stamp} tells when the host's layout changed and it must be built again.
 */
final class HostRootfs {
  private static final Set<String> OWN_MOUNTS = Set.of("proc", "sys", "dev", "tmp");
  private static final List<String> BIND_OPTIONS = List.of("rbind", "ro", "nosuid");

  private final Path hostRoot;
  private final List<Path> hiddenPaths;

  /**
   * @param hostRoot the host's {@code /} (another directory in unit tests)
   * @param hiddenPaths absolute host paths to hide (as seen from {@code hostRoot})
   */
  HostRootfs(Path hostRoot, List<Path> hiddenPaths) {
    this.hostRoot = hostRoot;
    this.hiddenPaths = List.copyOf(hiddenPaths);
  }

  /**
   * Creates the mount points in {@code rootfs} and returns the mounts that show the host, in mount order
   * (without the runtime's own {@code /proc}, {@code /dev}, {@code /sys} and without the sandbox).
   *
   * @param keepCreatable a container path (the sandbox mount point) whose ancestors must stay writable
   *     directories of the rootfs
   */
  List<Mount> build(Path rootfs, String keepCreatable) throws IOException {
    Set<String> expanded = ancestors(keepCreatable);
    Files.createDirectories(rootfs);
    List<Mount> binds = new ArrayList<>();
    populate(hostRoot, "", rootfs, expanded, binds);
    for (String own : OWN_MOUNTS) {
      Files.createDirectories(rootfs.resolve(own));
    }
    Files.createDirectories(rootfs.resolve(keepCreatable.substring(1)));

    List<Mount> mounts = new ArrayList<>(binds);
    mounts.add(new Mount("/tmp", "tmpfs", "tmpfs", List.of("nosuid", "nodev", "mode=1777")));
    for (Path hidden : hiddenPaths) {
      String target = hidden.toString();
      boolean visible = binds.stream().anyMatch(b -> isUnder(target, b.destination()));
      if (visible && Files.isDirectory(hostRoot.resolve(target.substring(1)))) {
        mounts.add(new Mount(target, "tmpfs", "tmpfs",
            List.of("ro", "nosuid", "nodev", "noexec", "size=4k", "mode=755")));
      }
    }
    return mounts;
  }

  /**
   * What the rootfs depends on, cheaply: the modification times of the host directories it lists ({@code /} and
   * the ancestors of {@code keepCreatable}) and which hidden paths exist. The same stamp, the same rootfs.
   */
  String stamp(String keepCreatable) {
    StringBuilder stamp = new StringBuilder(hostRoot.toString());
    List<String> listed = new ArrayList<>(List.of("/"));
    ancestors(keepCreatable).stream().sorted().forEach(listed::add);
    for (String dir : listed) {
      stamp.append('|').append(dir).append('=').append(modified(hostRoot.resolve(dir.substring(1))));
    }
    for (Path hidden : hiddenPaths) {
      stamp.append('|').append(hidden).append('=')
          .append(Files.isDirectory(hostRoot.resolve(hidden.toString().substring(1))));
    }
    return stamp.append('|').append(keepCreatable).toString();
  }

  private static String modified(Path dir) {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isDirectory() ? attributes.lastModifiedTime().toString() : "not-a-dir";
    } catch (IOException e) {
      return "missing";
    }
  }

  private void populate(Path hostDir, String containerDir, Path rootfsDir, Set<String> expanded, List<Mount> out)
      throws IOException {
    List<Path> entries;
    try (Stream<Path> list = Files.list(hostDir)) {
      entries = list.sorted().toList();
    }
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      String containerPath = containerDir + "/" + name;
      Path target = rootfsDir.resolve(name);
      if (containerDir.isEmpty() && OWN_MOUNTS.contains(name)) {
        continue;
      }
      if (expanded.contains(containerPath)) {
        // a real directory, even where the host has a symlink: never follow host links while creating dirs
        Files.createDirectories(target);
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          populate(entry, containerPath, target, expanded, out);
        }
      } else if (Files.isSymbolicLink(entry)) {
        Files.createSymbolicLink(target, Files.readSymbolicLink(entry));
      } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(target);
        out.add(Mount.bind(containerPath, entry.toAbsolutePath().toString(), BIND_OPTIONS));
      }
      // top-level plain files, sockets and devices are not shown
    }
  }

  /** {@code /mnt/mesos/sandbox} gives {@code /mnt}, {@code /mnt/mesos}. */
  private static Set<String> ancestors(String path) {
    Set<String> result = new HashSet<>();
    int slash = path.indexOf('/', 1);
    while (slash > 0) {
      result.add(path.substring(0, slash));
      slash = path.indexOf('/', slash + 1);
    }
    return result;
  }

  private static boolean isUnder(String path, String dir) {
    return path.equals(dir) || path.startsWith(dir + "/");
  }
}

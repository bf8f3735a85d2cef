package io.berth.agent.runc;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.agent.runtime.ContainerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host skeleton built once, reused, rebuilt when the host's layout changes, and collected safely. */
class SharedRootfsTest {
  @TempDir Path temp;
  Path host;
  Path skeletons;
  SharedRootfs rootfs;
  private int bumps;

  @BeforeEach
  void hostWithAFewDirs() throws IOException {
    host = Files.createDirectories(temp.resolve("host"));
    for (String dir : List.of("usr", "etc", "mnt/data")) {
      Files.createDirectories(host.resolve(dir));
    }
    Files.createSymbolicLink(host.resolve("bin"), Path.of("usr/bin"));
    skeletons = temp.resolve("state/rootfs");
    rootfs = new SharedRootfs(new HostRootfs(host, List.of()), skeletons, ContainerSpec.SANDBOX_MOUNT);
  }

  @Test
  void builtOnceAndReusedWhileTheHostDoesNotChange() throws IOException {
    SharedRootfs.Skeleton first = rootfs.current();
    Files.createDirectory(first.rootfs().resolve("usr/marker")); // a rebuild would not have it

    SharedRootfs.Skeleton second = rootfs.current();

    assertThat(second).isSameAs(first);
    assertThat(first.rootfs()).isAbsolute().startsWith(skeletons.toAbsolutePath());
    assertThat(first.rootfs().resolve("mnt/mesos/sandbox")).isDirectory();
    assertThat(Files.readSymbolicLink(first.rootfs().resolve("bin"))).isEqualTo(Path.of("usr/bin"));
    assertThat(first.mounts()).extracting(OciConfig.Mount::destination).contains("/etc", "/usr", "/mnt/data");
    assertThat(generations()).containsExactly(first.rootfs());
  }

  @Test
  void aNewTopLevelDirectoryGivesANewGenerationAndTheOldOneStays() throws IOException {
    SharedRootfs.Skeleton before = rootfs.current();
    Files.createDirectory(host.resolve("opt"));
    bumpModified(host);

    SharedRootfs.Skeleton after = rootfs.current();

    assertThat(after.rootfs()).isNotEqualTo(before.rootfs());
    assertThat(after.mounts()).extracting(OciConfig.Mount::destination).contains("/opt");
    assertThat(before.rootfs()).as("containers may still use it").isDirectory();
  }

  @Test
  void aNewRuntimeOnTheSameStateDirReusesTheGenerationOfTheSameLayout() throws IOException {
    SharedRootfs.Skeleton first = rootfs.current();
    Files.createDirectory(first.rootfs().resolve("usr/marker"));

    SharedRootfs again = new SharedRootfs(new HostRootfs(host, List.of()), skeletons, ContainerSpec.SANDBOX_MOUNT);

    assertThat(again.current().rootfs()).isEqualTo(first.rootfs());
    assertThat(first.rootfs().resolve("usr/marker")).as("not rebuilt in place").isDirectory();
    assertThat(generations()).containsExactly(first.rootfs());
  }

  @Test
  void collectKeepsTheCurrentAndEveryUsedGenerationAndRemovesTheRest() throws IOException {
    SharedRootfs.Skeleton old = rootfs.current();
    Files.createDirectory(host.resolve("opt"));
    bumpModified(host);
    SharedRootfs.Skeleton unused = rootfs.current();
    Files.createDirectory(host.resolve("srv"));
    bumpModified(host);
    SharedRootfs.Skeleton current = rootfs.current();
    Path leftover = Files.createDirectories(skeletons.resolve(".building-1-1/usr"));
    Path config = temp.resolve("c1/config.json");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "{\"root\": {\"path\": \"" + old.rootfs() + "\", \"readonly\": true}}");
    Path ownRootfs = temp.resolve("c2/config.json");
    Files.createDirectories(ownRootfs.getParent());
    Files.writeString(ownRootfs, "{\"root\": {\"path\": \"rootfs\", \"readonly\": true}}");

    rootfs.collect(List.of(config, ownRootfs, temp.resolve("c3/config.json")));

    assertThat(generations()).containsExactlyInAnyOrder(old.rootfs(), current.rootfs());
    assertThat(unused.rootfs()).doesNotExist();
    assertThat(leftover.getParent()).doesNotExist();
    assertThat(host.resolve("usr")).as("never follows the skeleton's binds or links").isDirectory();
  }

  @Test
  void anUnreadableConfigKeepsEveryGeneration() throws IOException {
    SharedRootfs.Skeleton old = rootfs.current();
    Files.createDirectory(host.resolve("opt"));
    bumpModified(host);
    rootfs.current();
    Path broken = temp.resolve("c1/config.json");
    Files.createDirectories(broken.getParent());
    Files.writeString(broken, "{\"root\": ");

    rootfs.collect(List.of(broken));

    assertThat(old.rootfs()).isDirectory();
    assertThat(generations()).hasSize(2);
  }

  private List<Path> generations() throws IOException {
    try (Stream<Path> list = Files.list(skeletons)) {
      return list.map(Path::toAbsolutePath).toList();
    }
  }

  /** Some file systems keep coarse timestamps: give each change its own, whatever their granularity. */
  private void bumpModified(Path dir) throws IOException {
    bumps++;
    Files.setLastModifiedTime(dir, FileTime.fromMillis(1_000_000_000_000L + bumps * 1_000L));
  }
}

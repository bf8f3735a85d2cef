package io.berth.agent.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a runtime keeps its pid files: on a tmpfs of its own when there is one, else in its state dir. */
class RunDirTest {
  private static final Path SHM = Path.of("/dev/shm");

  @TempDir Path tempDir;
  private Path tmpfs;

  @BeforeEach
  void makeTmpfsBase() throws IOException {
    assumeTrue(Files.isDirectory(SHM) && "tmpfs".equals(Files.getFileStore(SHM).type()), "needs /dev/shm as a tmpfs");
    tmpfs = Files.createTempDirectory(SHM, "berth-rundir-test");
  }

  @AfterEach
  void removeTmpfsBase() throws IOException {
    if (tmpfs != null) {
      ContainerDir.deleteTree(tmpfs);
    }
  }

  @Test
  void eachStateDirGetsItsOwnDirectoryUnderBerthOnTheTmpfs() throws IOException {
    Path first = RunDir.forStateDir(tempDir.resolve("agent-1"), List.of(tmpfs));
    Path second = RunDir.forStateDir(tempDir.resolve("agent-2"), List.of(tmpfs));

    assertThat(first.getParent()).isEqualTo(tmpfs.resolve("berth"));
    assertThat(second.getParent()).isEqualTo(tmpfs.resolve("berth"));
    assertThat(first).isNotEqualTo(second).isDirectory();
    assertThat(RunDir.forStateDir(tempDir.resolve("agent-1/."), List.of(tmpfs))).as("same state dir, same place")
        .isEqualTo(first);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmpfs.resolve("berth"))))
        .isEqualTo("rwx------");
  }

  @Test
  void aBerthDirectoryThatIsASymlinkIsNotUsed() throws IOException {
    Path elsewhere = Files.createDirectory(tempDir.resolve("elsewhere"));
    Files.createSymbolicLink(tmpfs.resolve("berth"), elsewhere);
    Path state = tempDir.resolve("agent");

    Path run = RunDir.forStateDir(state, List.of(tmpfs));

    assertThat(run).isEqualTo(state.resolve("run")).isDirectory();
    try (var files = Files.list(elsewhere)) {
      assertThat(files).as("nothing written through the link").isEmpty();
    }
  }

  @Test
  void withoutATmpfsThePidFilesLiveInTheStateDir() throws IOException {
    Path notTmpfs = Files.createDirectory(tempDir.resolve("disk"));
    assumeTrue(!"tmpfs".equals(Files.getFileStore(notTmpfs).type()), "the temp dir is itself a tmpfs");
    Path state = tempDir.resolve("agent");

    assertThat(RunDir.forStateDir(state, List.of(notTmpfs, tempDir.resolve("missing")))).isEqualTo(state.resolve("run"));
    assertThat(notTmpfs.resolve("berth")).doesNotExist();
  }
}

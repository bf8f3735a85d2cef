package io.berth.agent.runc;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.agent.runc.CgroupReader.MemoryReport;
import io.berth.agent.runc.CgroupReader.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layout detection from mountinfo and reading the memory files, on fake cgroup trees. */
class CgroupReaderTest {
  @TempDir Path temp;

  @Test
  void hybridLayoutIsV1WithTheMemoryHierarchy() {
    CgroupReader reader = CgroupReader.fromMountinfo(List.of(
        "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
        "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu",
        "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
        "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw"));

    assertThat(reader.version()).isEqualTo(Version.V1);
    assertThat(reader.memoryDir("/berth/c1")).contains(Path.of("/sys/fs/cgroup/memory/berth/c1"));
  }

  @Test
  void unifiedLayoutIsV2() {
    CgroupReader reader = CgroupReader.fromMountinfo(List.of(
        "29 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate"));

    assertThat(reader.version()).isEqualTo(Version.V2);
    assertThat(reader.memoryDir("/berth/c1")).contains(Path.of("/sys/fs/cgroup/berth/c1"));
    assertThat(reader.swapAccounting()).isTrue();
  }

  @Test
  void v1MemoryFilesGiveTheOomCounterLimitAndPeak() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("berth/c1"));
    Files.writeString(dir.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
    Files.writeString(dir.resolve("memory.limit_in_bytes"), "67108864\n");
    Files.writeString(dir.resolve("memory.max_usage_in_bytes"), "67100000\n");
    CgroupReader reader = new CgroupReader(Version.V1, Optional.of(temp));

    assertThat(reader.memory("/berth/c1")).isEqualTo(new MemoryReport(2, 67108864, 67100000));
    assertThat(reader.memory("/berth/gone")).isEqualTo(MemoryReport.UNKNOWN);
    assertThat(reader.swapAccounting()).isFalse();
  }

  @Test
  void v2MemoryFilesGiveTheOomCounterLimitAndPeak() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("berth/c1"));
    Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 5\noom 1\noom_kill 1\n");
    Files.writeString(dir.resolve("memory.max"), "max\n");
    CgroupReader reader = new CgroupReader(Version.V2, Optional.of(temp));

    assertThat(reader.memory("/berth/c1")).isEqualTo(new MemoryReport(1, -1, -1));
  }
}

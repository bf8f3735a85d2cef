package io.berth.agent.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.agent.runc.OciConfig.Mount;
import io.berth.agent.runtime.ContainerException;
import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.ContainerSpec.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundle contents, without runc: limits arithmetic, command, environment, the host view. */
class OciSpecWriterTest {
  @TempDir Path temp;

  private RuncConfig config(Optional<Path> init) {
    return new RuncConfig(temp.resolve("state"), Path.of("/usr/sbin/runc"), Path.of("/usr/bin/conmon"), init,
        "/berth", List.of(), Duration.ofSeconds(5));
  }

  private OciSpecWriter writer(Optional<Path> init) {
    CgroupReader v1 = new CgroupReader(CgroupReader.Version.V1, Optional.empty());
    return new OciSpecWriter(config(init),
        new SharedRootfs(new HostRootfs(temp, List.of()), temp.resolve("skeletons"), ContainerSpec.SANDBOX_MOUNT), v1);
  }

  private static ContainerSpec spec(Limits limits, Map<String, String> env) {
    return new ContainerSpec("c1", Path.of("/sb"), List.of("sleep", "1"), env, limits, null);
  }

  @Test
  void limitsBecomeSharesQuotaMemoryAndPids() {
    var resources = writer(Optional.empty()).resources(new Limits(0.5, 64, 100));

    assertThat(resources.cpu()).isEqualTo(new OciConfig.Cpu(512L, 50_000L, 100_000L));
    assertThat(resources.memory().limit()).isEqualTo(64L << 20);
    assertThat(resources.memory().swap()).as("no swap accounting known: not set").isNull();
    assertThat(resources.pids()).isEqualTo(new OciConfig.Pids(100));
  }

  @Test
  void tinyLimitsAreRaisedToWhatTheKernelAndRuncAccept() {
    var resources = writer(Optional.empty()).resources(new Limits(0.001, 1, 0));

    assertThat(resources.cpu()).isEqualTo(new OciConfig.Cpu(2L, 1000L, 100_000L));
    assertThat(resources.memory().limit()).isEqualTo(OciSpecWriter.MIN_MEMORY_BYTES);
    assertThat(resources.pids()).isNull();
  }

  @Test
  void noLimitsOnlyDenyDevices() {
    var resources = writer(Optional.empty()).resources(null);

    assertThat(resources.devices()).containsExactly(new OciConfig.DeviceRule(false, "rwm"));
    assertThat(resources.cpu()).isNull();
    assertThat(resources.memory()).isNull();
  }

  @Test
  void commandRunsUnderTheInitWithASortedEnvironmentAndAPath() {
    OciConfig config = writer(Optional.of(Path.of("/usr/bin/tini")))
        .config(spec(null, Map.of("B", "2", "A", "1")), Path.of("/state/rootfs/abc"), List.of());

    assertThat(config.process().args()).containsExactly("/usr/bin/tini", "-g", "--", "sleep", "1");
    assertThat(config.process().env()).containsExactly("A=1", "B=2", "PATH=" + OciSpecWriter.DEFAULT_PATH);
    assertThat(config.process().cwd()).isEqualTo(ContainerSpec.SANDBOX_MOUNT);
    assertThat(config.root()).isEqualTo(new OciConfig.Root("/state/rootfs/abc", true));
    assertThat(config.hostname()).isNull();
    assertThat(config.linux().cgroupsPath()).isEqualTo("/berth/c1");
    assertThat(config.linux().namespaces()).extracting(OciConfig.Namespace::type)
        .containsExactlyInAnyOrder("pid", "ipc", "uts", "mount");
  }

  @Test
  void withoutInitTheCommandIsPidOneAndItsPathIsKept() {
    OciConfig config = writer(Optional.empty()).config(spec(null, Map.of("PATH", "/bin")), Path.of("/r"), List.of());

    assertThat(config.process().args()).containsExactly("sleep", "1");
    assertThat(config.process().env()).containsExactly("PATH=/bin");
  }

  @Test
  void hostViewBindsTopLevelDirsReadOnlyAndRecreatesSymlinks() throws IOException {
    Path host = Files.createDirectories(temp.resolve("host"));
    for (String dir : List.of("usr", "etc", "proc", "tmp", "mnt/data", "var/lib/berth/agent", "var/log")) {
      Files.createDirectories(host.resolve(dir));
    }
    Files.createSymbolicLink(host.resolve("bin"), Path.of("usr/bin"));
    Files.writeString(host.resolve("file"), "x");
    Path rootfs = temp.resolve("rootfs");
    Path hidden = Path.of("/var/lib/berth");

    List<Mount> mounts = new HostRootfs(host, List.of(hidden, Path.of("/tmp/x"), Path.of("/nope")))
        .build(rootfs, ContainerSpec.SANDBOX_MOUNT);

    assertThat(mounts).extracting(Mount::destination)
        .containsExactly("/etc", "/mnt/data", "/usr", "/var", "/tmp", "/var/lib/berth");
    assertThat(mounts.getFirst()).isEqualTo(Mount.bind("/etc", host.resolve("etc").toString(),
        List.of("rbind", "ro", "nosuid")));
    assertThat(mounts.getLast().type()).isEqualTo("tmpfs");
    assertThat(mounts.getLast().options()).contains("ro");
    assertThat(Files.readSymbolicLink(rootfs.resolve("bin"))).isEqualTo(Path.of("usr/bin"));
    assertThat(rootfs.resolve("mnt/mesos/sandbox")).isDirectory();
    assertThat(rootfs.resolve("mnt/data")).isDirectory();
    assertThat(rootfs.resolve("proc")).isDirectory();
    assertThat(rootfs.resolve("file")).doesNotExist();
  }

  @Test
  void missingBinariesSayHowToInstallThem() {
    RuncConfig missing = new RuncConfig(temp, Path.of("/nonexistent/runc"), Path.of("/nonexistent/conmon"),
        Optional.empty(), "/berth", List.of(), Duration.ofSeconds(5));

    assertThatThrownBy(() -> new RuncRuntime(missing))
        .isInstanceOf(ContainerException.class)
        .hasMessageContaining("runc is not installed")
        .hasMessageContaining("apt-get install -y runc conmon");
  }
}

package io.berth.agent.runc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's DNS forwarder's resolv.conf is bind-mounted over /etc/resolv.conf only while the file exists. */
class ResolvConfMountTest {
  @TempDir Path temp;

  private OciSpecWriter writer(RuncConfig config) {
    return new OciSpecWriter(config,
        new SharedRootfs(new HostRootfs(temp, List.of()), temp.resolve("skeletons"), "/mnt/mesos/sandbox"),
        new CgroupReader(CgroupReader.Version.V1, Optional.empty()));
  }

  @Test
  void mountedReadOnlyWhenTheFileExists() throws Exception {
    Path file = temp.resolve("dns/resolv.conf");
    RuncConfig config = new RuncConfig(temp.resolve("state"), Path.of("/usr/sbin/runc"), Path.of("/usr/bin/conmon"),
        Optional.empty(), "/berth", List.of(), Duration.ofSeconds(5)).withResolvConf(file);
    assertThat(config.withHiddenPaths(List.of(temp)).resolvConf()).contains(file);
    assertThat(writer(config).resolvConfMount()).isEmpty();
    Files.createDirectories(file.getParent());
    Files.writeString(file, "nameserver 127.0.0.2\n");
    boolean hostHasPlainFile = Files.isRegularFile(Path.of("/etc/resolv.conf"), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    assertThat(writer(config).resolvConfMount()).isEqualTo(!hostHasPlainFile ? Optional.empty() : Optional.of(
        OciConfig.Mount.bind("/etc/resolv.conf", file.toString(), List.of("rbind", "ro", "nosuid", "nodev", "noexec"))));
  }

  @Test
  void neverMountedWithoutOne() {
    RuncConfig config = new RuncConfig(temp.resolve("state"), Path.of("/usr/sbin/runc"), Path.of("/usr/bin/conmon"),
        Optional.empty(), "/berth", List.of(), Duration.ofSeconds(5));
    assertThat(config.resolvConf()).isEmpty();
    assertThat(writer(config).resolvConfMount()).isEmpty();
  }
}

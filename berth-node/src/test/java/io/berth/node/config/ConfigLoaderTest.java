package io.berth.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.common.error.BerthException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  @Test
  void defaultsFileEnvironmentAndFlagsOverrideInThatOrder() throws Exception {
    Path yaml = Files.writeString(dir.resolve("berth.yaml"), """
        master:
          port: 6060
          ip: 10.0.0.1
          agentUnreachableTimeout: 30s
        agent:
          port: 7070
        """);
    MasterNodeConfig config = ConfigLoader.load(MasterNodeConfig.class, MasterNodeConfig.defaults(), "master", yaml,
        Map.of("BERTH_MASTER_IP", "10.0.0.2", "BERTH_MASTER_AGENT_REMOVAL_TIMEOUT", "2h", "BERTH_AGENT_PORT", "1"),
        Map.of("ip", "10.0.0.3"));
    assertThat(config.port()).isEqualTo(6060);
    assertThat(config.ip()).isEqualTo("10.0.0.3");
    assertThat(config.agentUnreachableTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.agentRemovalTimeout()).isEqualTo(Duration.ofHours(2));
    assertThat(config.offerTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.zkUrl()).isEqualTo("zk://10.0.0.3:2181/berth");
  }

  @Test
  void agentDefaultsAndAttributes() {
    AgentNodeConfig config = ConfigLoader.load(AgentNodeConfig.class, AgentNodeConfig.defaults(), "agent", null,
        Map.of("BERTH_AGENT_KILL_TASKS_ON_SHUTDOWN", "true"), Map.of("attributes", Map.of("rack", "r1"), "cpus", 2.5));
    assertThat(config.killTasksOnShutdown()).isTrue();
    assertThat(config.attributes()).containsEntry("rack", "r1");
    assertThat(config.cpus()).isEqualTo(2.5);
    assertThat(config.runtime()).isEqualTo("runc");
    assertThat(config.master()).isEqualTo("zk://127.0.0.1:2181/berth");
  }

  @Test
  void mistakesAreNamed() throws Exception {
    Path unknown = Files.writeString(dir.resolve("bad.yaml"), "master:\n  prot: 1\n");
    assertThatThrownBy(() -> ConfigLoader.load(MasterNodeConfig.class, MasterNodeConfig.defaults(), "master", unknown,
        Map.of(), Map.of())).isInstanceOf(BerthException.class).hasMessageContaining("prot");
    assertThatThrownBy(() -> ConfigLoader.load(MasterNodeConfig.class, MasterNodeConfig.defaults(), "master", null,
        Map.of("BERTH_MASTER_PORT", "many"), Map.of())).isInstanceOf(BerthException.class).hasMessageContaining("port");
    assertThatThrownBy(() -> ConfigLoader.parseDuration("soon")).isInstanceOf(BerthException.class).hasMessageContaining("soon");
    assertThat(ConfigLoader.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(ConfigLoader.parseDuration("PT1M")).isEqualTo(Duration.ofMinutes(1));
    assertThatThrownBy(() -> ConfigLoader.load(MasterNodeConfig.class, MasterNodeConfig.defaults(), "master",
        dir.resolve("missing.yaml"), Map.of(), Map.of())).isInstanceOf(BerthException.class).hasMessageContaining("missing.yaml");
  }
}

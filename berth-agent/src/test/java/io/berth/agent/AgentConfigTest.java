package io.berth.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.cluster.Resources;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsAreDocumentedValuesAndDetectedResources() {
    AgentConfig config = AgentConfig.defaults(dir);

    assertThat(config.port()).isEqualTo(5051);
    assertThat(config.ip()).isEqualTo("127.0.0.1");
    assertThat(config.hostname()).isEqualTo("127.0.0.1");
    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.defaultKillGracePeriod()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.resources().cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(config.resources().mem()).isPositive();
    assertThat(config.resources().disk()).isPositive();
    assertThat(config.resources().ports().toString()).isEqualTo("[31000-32000]");
    assertThat(config.checkpointDir()).isEqualTo(dir.resolve("checkpoint"));
    assertThat(config.sandboxesDir()).isEqualTo(dir.resolve("sandboxes"));
  }

  @Test
  void theHostnameFollowsTheIpUnlessSet() {
    assertThat(AgentConfig.defaults(dir).withIp("127.0.0.2").hostname()).isEqualTo("127.0.0.2");
    assertThat(AgentConfig.defaults(dir).withHostname("n1").withIp("127.0.0.2").hostname()).isEqualTo("n1");
  }

  @Test
  void configuredResourcesWithoutPortsGetTheDefaultRange() {
    assertThat(AgentConfig.defaults(dir).withResources(Resources.of(2, 1024)).resources().ports().toString())
        .isEqualTo("[31000-32000]");
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> AgentConfig.defaults(dir).withPort(70000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AgentConfig.defaults(dir).withHeartbeatInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AgentConfig.defaults(dir).withResources(Resources.of(-1, 1)))
        .hasMessageContaining("cpus");
    assertThatThrownBy(() -> AgentConfig.defaults(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void machineReservationFollowsMesos() {
    assertThat(MachineResources.reserve(16384, 2048, 1024)).isEqualTo(15360);
    assertThat(MachineResources.reserve(1024, 2048, 1024)).isEqualTo(512);
  }

  @Test
  void backoffDoublesUpToItsMaximum() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    assertThat(backoff.delay(0)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.delay(3)).isEqualTo(Duration.ofMillis(800));
    assertThat(backoff.delay(4)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(1000)).isEqualTo(Duration.ofSeconds(1));
  }
}

package io.berth.state.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ZkConfigTest {
  @ParameterizedTest
  @CsvSource({
      "'zk://host1:2181,host2:2181/berth', 'host1:2181,host2:2181', /berth",
      "zk://10.0.0.1:2181, 10.0.0.1:2181, /berth",
      "zk://10.0.0.1:2181/, 10.0.0.1:2181, /berth",
      "zk://zk-1.internal/dcos/berth/, zk-1.internal:2181, /dcos/berth",
      "'ZK://a:1 , b:2/x', 'a:1,b:2', /x",
      "zk://[::1]:2182/berth, '[::1]:2182', /berth",
  })
  void parsesConnectStringAndRoot(String url, String connectString, String root) {
    ZkConfig config = ZkConfig.parse(url);

    assertThat(config.connectString()).isEqualTo(connectString);
    assertThat(config.root()).isEqualTo(root);
    assertThat(config.sessionTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(ZkConfig.parse(config.url())).isEqualTo(config);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "  ", "host:2181/berth", "http://host:2181/berth", "zk://", "zk:///berth", "zk://host:99999/berth",
      "zk://host:port/berth", "zk://a:1,,b:2/berth", "zk://user:secret@host:2181/berth", "zk://host:2181/berth?x=1",
      "zk://host:2181//berth", "zk://host:2181/be rth/../x", "zk://ho st:2181/berth", "zk://host:2181/zoo/./x",
  })
  void rejectsMalformedUrlsClearly(String url) {
    assertThatThrownBy(() -> ZkConfig.parse(url))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("invalid ZooKeeper URL")
        .hasMessageContaining("expected zk://host:port")
        .extracting(e -> ((BerthException) e).code()).isEqualTo(ErrorCode.INVALID);
  }

  @Test
  void rejectsNullUrl() {
    assertThatThrownBy(() -> ZkConfig.parse(null)).isInstanceOf(BerthException.class)
        .hasMessageContaining("it is empty");
  }

  @Test
  void timeoutsCanBeChangedButMustBePositive() {
    ZkConfig config = ZkConfig.parse("zk://a:1/b").withSessionTimeout(Duration.ofSeconds(4));

    assertThat(config.sessionTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThatThrownBy(() -> config.withConnectionTimeout(Duration.ZERO)).isInstanceOf(BerthException.class);
    assertThatThrownBy(() -> ZkConfig.of("a:1", "/")).isInstanceOf(BerthException.class)
        .hasMessageContaining("must not be '/'");
  }
}

package io.berth.state.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.state.image.ClusterImage;
import io.berth.state.record.ChangeRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedZooKeeperTest {
  @TempDir Path dir;

  @Test
  void startsQuicklyOnAFreePortWithItsDataOnDisk() {
    long started = System.nanoTime();
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir, "127.0.0.1", 0)) {
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
      assertThat(zk.port()).isPositive();
      assertThat(zk.connectString()).isEqualTo("127.0.0.1:" + zk.port());
      try (CuratorFramework client = ZkConnection.start(ZkConfig.of(zk.connectString(), "/berth"))) {
        ZkConnection.awaitConnected(client, Duration.ofSeconds(5));
      }
    }
    assertThat(Files.isDirectory(dir.resolve("data/version-2"))).isTrue();
    assertThat(Files.isDirectory(dir.resolve("datalog/version-2"))).isTrue();
  }

  @Test
  void dataSurvivesARestartOnTheSameDirectory() {
    List<List<ChangeRecord>> batches = Records.someBatches();
    ClusterImage before;
    int port;
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir, "127.0.0.1", 0);
         CuratorFramework client = ZkConnection.start(ZkConfig.of(zk.connectString(), "/berth"))) {
      port = zk.port();
      ZkStateStore store = new ZkStateStore(client, "/berth");
      store.load();
      for (int i = 0; i < 3; i++) {
        store.append(i, batches.get(i));
      }
      store.snapshot(store.load());
      store.append(3, batches.get(3));
      before = store.load();
    }

    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir, "127.0.0.1", port);
         CuratorFramework client = ZkConnection.start(ZkConfig.of(zk.connectString(), "/berth"))) {
      assertThat(zk.port()).isEqualTo(port);
      ZkStateStore store = new ZkStateStore(client, "/berth");
      assertThat(store.load()).isEqualTo(before);
      store.append(4, batches.get(4)); // and the log goes on where it was
      assertThat(store.load().offset()).isEqualTo(5);
    }
  }

  @Test
  void aBusyPortFailsTheStartClearly() {
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir.resolve("one"), "127.0.0.1", 0)) {
      assertThatThrownBy(() -> EmbeddedZooKeeper.start(dir.resolve("two"), "127.0.0.1", zk.port()))
          .isInstanceOf(BerthException.class)
          .hasMessageContaining("cannot start embedded ZooKeeper on 127.0.0.1:" + zk.port())
          .extracting(e -> ((BerthException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    }
  }
}

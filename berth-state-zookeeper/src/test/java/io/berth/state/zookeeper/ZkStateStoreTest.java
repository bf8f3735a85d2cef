package io.berth.state.zookeeper;

import static io.berth.state.zookeeper.Records.someBatches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.api.cluster.TaskState;
import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.common.json.Json;
import io.berth.state.image.ClusterImage;
import io.berth.state.record.ChangeRecord;
import io.berth.state.store.InMemoryStateStore;
import io.berth.state.store.RecordCodec;
import io.berth.state.store.StaleWriterException;
import io.berth.state.store.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

class ZkStateStoreTest {
  @TempDir static Path dir;
  static EmbeddedZooKeeper zk;
  static CuratorFramework client;
  String root;
  ZkStateStore store;
  InMemoryStateStore reference;

  @BeforeAll
  static void startZooKeeper() {
    zk = EmbeddedZooKeeper.start(dir, "127.0.0.1", 0);
    client = ZkConnection.start(ZkConfig.of(zk.connectString(), "/unused"));
    ZkConnection.awaitConnected(client, Duration.ofSeconds(10));
  }

  @AfterAll
  static void stopZooKeeper() {
    client.close();
    zk.close();
  }

  @BeforeEach
  void freshRoot(TestInfo test) {
    root = "/berth/" + test.getTestMethod().orElseThrow().getName();
    store = new ZkStateStore(client, root);
    reference = new InMemoryStateStore();
  }

  @Test
  void aFreshClusterLoadsEmptyAndGetsItsZnodes() throws Exception {
    assertThat(store.load()).isEqualTo(ClusterImage.EMPTY);

    for (String znode : List.of("head", "log", "blobs", "snapshots", "snapshot-pointer", "bases")) {
      assertThat(client.checkExists().forPath(root + "/state/" + znode)).as(znode).isNotNull();
    }
    assertThat(json(root + "/state/head").get("offset").asLong()).isZero();
  }

  @Test
  void appendedBatchesLoadAsTheInMemoryStoreDoes() {
    appendToBoth(someBatches());

    ClusterImage image = store.load();
    assertThat(image).isEqualTo(reference.load());
    assertThat(image.offset()).isEqualTo(someBatches().size());
    assertThat(image.task("t1").orElseThrow().state()).isEqualTo(TaskState.TASK_RUNNING);
    assertThat(image.agent(Records.AGENT).orElseThrow().reachable()).isFalse();
    assertThat(new ZkStateStore(client, root).load()).as("another master's view").isEqualTo(image);
  }

  @Test
  void aStaleWriterIsRejectedAndWritesNothing() throws Exception {
    List<List<ChangeRecord>> batches = someBatches();
    appendToBoth(batches.subList(0, 2));
    ZkStateStore otherMaster = new ZkStateStore(client, root);
    otherMaster.load();
    otherMaster.append(2, batches.get(2));
    reference.append(2, batches.get(2));

    assertThatThrownBy(() -> store.append(2, batches.get(3)))
        .isInstanceOf(StaleWriterException.class)
        .hasMessageContaining("expected head 2 but it is 3")
        .extracting(e -> ((BerthException) e).code()).isEqualTo(ErrorCode.NOT_LEADER);
    assertThatThrownBy(() -> store.append(2, batches.get(2))).as("the same batch again")
        .isInstanceOf(StaleWriterException.class);
    assertThatThrownBy(() -> store.append(7, batches.get(3))).isInstanceOf(StaleWriterException.class);
    assertThatThrownBy(() -> store.append(-1, batches.get(3))).isInstanceOf(StaleWriterException.class);

    assertThat(client.getChildren().forPath(root + "/state/log")).hasSize(3);
    assertThat(json(root + "/state/head").get("offset").asLong()).isEqualTo(3);
    assertThat(store.load()).isEqualTo(reference.load());
    store.append(3, batches.get(3)); // after reloading, the former stale writer appends again
    reference.append(3, batches.get(3));
    assertThat(otherMaster.load()).isEqualTo(reference.load());
  }

  @Test
  void aSnapshotTrimsTheLogAndLoadsTheSameImage() throws Exception {
    appendToBoth(someBatches());
    ClusterImage image = store.load();

    store.snapshot(image);

    assertThat(client.getChildren().forPath(root + "/state/log")).isEmpty();
    assertThat(client.getChildren().forPath(root + "/state/snapshots")).hasSize(1);
    assertThat(json(root + "/state/snapshot-pointer").get("offset").asLong()).isEqualTo(image.offset());
    assertThat(new ZkStateStore(client, root).load()).isEqualTo(image);

    List<ChangeRecord> more = List.of(Records.launched("t3", java.util.Map.of(), 20));
    store.append(image.offset(), more);
    reference.append(image.offset(), more);
    ClusterImage later = store.load();
    assertThat(later).isEqualTo(reference.load());

    store.snapshot(image); // older than the current snapshot: ignored
    store.snapshot(later);
    assertThat(client.getChildren().forPath(root + "/state/snapshots")).hasSize(1).allMatch(n -> n.startsWith(
        StateLayout.pad(later.offset())));
    assertThat(client.getChildren().forPath(root + "/state/log")).isEmpty();
    assertThat(store.load()).isEqualTo(later);
    assertThatThrownBy(() -> store.snapshot(later.apply(later.offset() + 1, more)))
        .isInstanceOf(BerthException.class).hasMessageContaining("the state log ends at " + later.offset());
  }

  @Test
  void aFollowerIsWokenByEveryAppendAndReadsTheBatchesItMissedUntilASnapshotTrimsThem() throws Exception {
    ZkStateStore follower = new ZkStateStore(client, root);
    follower.load();
    AtomicInteger wakeUps = new AtomicInteger();
    try (AutoCloseable watch = follower.watchHead(wakeUps::incrementAndGet)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> wakeUps.get() >= 1); // initialised
      int before = wakeUps.get();
      appendToBoth(someBatches().subList(0, 1));
      await().atMost(Duration.ofSeconds(10)).until(() -> wakeUps.get() > before);
    }
    appendToBoth(someBatches().subList(1, someBatches().size()));

    List<StateStore.Batch> missed = follower.batchesAfter(1).orElseThrow();
    assertThat(missed).extracting(StateStore.Batch::offset).containsExactly(2L, 3L, 4L, 5L);
    assertThat(missed).extracting(StateStore.Batch::records).containsExactlyElementsOf(someBatches().subList(1, 5));
    ClusterImage followed = reference.batchesAfter(0).orElseThrow().stream()
        .reduce(ClusterImage.EMPTY, (image, batch) -> image.apply(batch.offset(), batch.records()), (x, y) -> y);
    assertThat(followed).isEqualTo(store.load());

    store.snapshot(store.load());
    assertThat(follower.batchesAfter(1)).as("trimmed: the follower must load").isEmpty();
    assertThat(follower.batchesAfter(5)).hasValue(List.of());
  }

  @Test
  void aSnapshotOfTwentyThousandTasksRoundTripsThroughChunks() throws Exception {
    for (int i = 0; i < 10; i++) {
      List<ChangeRecord> batch = Records.launches("b" + i + "-task-", 2_000, 150);
      store.append(i, batch);
    }
    ClusterImage image = store.load();
    assertThat(image.tasks()).hasSize(20_000);

    store.snapshot(image);

    JsonNode pointer = json(root + "/state/snapshot-pointer");
    assertThat(pointer.get("size").asLong()).isEqualTo(RecordCodec.encodeImage(image).length).isGreaterThan(3_000_000);
    assertThat(pointer.get("chunks").asInt()).isGreaterThanOrEqualTo(4);
    assertThat(new ZkStateStore(client, root).load()).isEqualTo(image);
  }

  @Test
  void aBatchTooBigForOneZnodeIsSplitIntoChunks() throws Exception {
    List<ChangeRecord> big = Records.launches("big-", 3_500, 400);
    assertThat(RecordCodec.encodeBatch(big).length).isGreaterThan(1_100_000);
    appendToBoth(List.of(someBatches().getFirst(), big, someBatches().get(1)));

    assertThat(client.getData().forPath(root + "/state/log/" + StateLayout.pad(2))[0]).isEqualTo((byte) '{');
    List<String> blobs = client.getChildren().forPath(root + "/state/blobs");
    assertThat(blobs).hasSize(1);
    assertThat(client.getChildren().forPath(root + "/state/blobs/" + blobs.getFirst())).hasSizeGreaterThan(1);
    ClusterImage image = new ZkStateStore(client, root).load();
    assertThat(image).isEqualTo(reference.load());

    store.snapshot(image);
    assertThat(client.getChildren().forPath(root + "/state/blobs")).as("trimmed with its batch").isEmpty();
    assertThat(store.load()).isEqualTo(image);
  }

  @Test
  void aBatchBeyondTheLimitIsRejectedAndNothingIsWritten() throws Exception {
    ZkStateStore limited = new ZkStateStore(client, root, new ZkStateStore.Limits(900 * 1024, 64 * 1024, 1 << 30));
    limited.load();
    List<ChangeRecord> tooBig = Records.launches("huge-", 500, 400);

    assertThatThrownBy(() -> limited.append(0, tooBig))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("more than the 65536 bytes the state log accepts")
        .extracting(e -> ((BerthException) e).code()).isEqualTo(ErrorCode.TOO_LARGE);
    assertThat(client.getChildren().forPath(root + "/state/log")).isEmpty();
    assertThat(client.getChildren().forPath(root + "/state/blobs")).isEmpty();
    assertThat(limited.load()).isEqualTo(ClusterImage.EMPTY);
  }

  @Test
  void theHeadIsRebasedBeforeItsVersionRunsOutAndStaleWritersStillFail() throws Exception {
    ZkStateStore leader = new ZkStateStore(client, root, new ZkStateStore.Limits(900 * 1024, 8 << 20, 3));
    List<List<ChangeRecord>> batches = someBatches();
    ZkStateStore deposed = new ZkStateStore(client, root);
    for (int i = 0; i < 4; i++) {
      leader.append(i, batches.get(i));
      reference.append(i, batches.get(i));
    }
    deposed.load(); // knows head 4 with base 0
    ZkStateStore follower = new ZkStateStore(client, root);
    follower.load();

    leader.snapshot(leader.load());
    assertThat(json(root + "/state/head").get("base").asLong()).isEqualTo(4);
    assertThat(client.checkExists().forPath(root + "/state/head").getVersion()).isZero();

    leader.append(4, batches.get(4));
    reference.append(4, batches.get(4));
    assertThatThrownBy(() -> deposed.append(4, batches.get(4))).isInstanceOf(StaleWriterException.class);
    List<ChangeRecord> more = List.of(Records.launched("t9", java.util.Map.of(), 30));
    follower.append(5, more); // right offset, but an older base in its cache: retried with the new base
    reference.append(5, more);
    assertThat(leader.load()).isEqualTo(reference.load());
  }

  @Test
  void anUnreachableZooKeeperIsUnavailable() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ZkConfig config = ZkConfig.of("127.0.0.1:" + closedPort, "/berth")
        .withConnectionTimeout(Duration.ofMillis(300)).withMaxRetries(0);
    try (CuratorFramework unreachable = ZkConnection.start(config)) {
      ZkStateStore offline = new ZkStateStore(unreachable, "/berth");
      assertThatThrownBy(offline::load).isInstanceOf(BerthException.class)
          .extracting(e -> ((BerthException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThatThrownBy(() -> offline.append(0, someBatches().getFirst())).isInstanceOf(BerthException.class)
          .extracting(e -> ((BerthException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    }
  }

  private void appendToBoth(List<List<ChangeRecord>> batches) {
    long offset = reference.head();
    for (List<ChangeRecord> batch : batches) {
      store.append(offset, batch);
      reference.append(offset, batch);
      offset++;
    }
  }

  private JsonNode json(String path) throws Exception {
    return Json.mapper().readTree(client.getData().forPath(path));
  }
}

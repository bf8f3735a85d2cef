package io.berth.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.state.StatePublisher;
import io.berth.state.image.ClusterImage;
import io.berth.state.record.ChangeRecord;
import io.berth.state.record.TaskRecord;
import io.berth.state.store.InMemoryStateStore;
import io.berth.state.store.StateStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A follower publishes every batch the leader appends, in order, and loads afresh when the log was trimmed. */
class StateFollowerTest {
  private final InMemoryStateStore log = new InMemoryStateStore();
  private final AtomicBoolean trimmed = new AtomicBoolean();
  private final StateStore store = new StateStore() {
    public ClusterImage load() {
      return log.load();
    }

    public void append(long expectedOffset, List<ChangeRecord> batch) {
      log.append(expectedOffset, batch);
    }

    public void snapshot(ClusterImage image) {
      log.snapshot(image);
    }

    public Optional<List<Batch>> batchesAfter(long offset) {
      return trimmed.get() ? Optional.empty() : log.batchesAfter(offset);
    }

    public AutoCloseable watchHead(Runnable onChange) {
      return log.watchHead(onChange);
    }

    public void close() {}
  };

  private static List<ChangeRecord> ack(int i) {
    return List.of(new TaskRecord.StatusAcknowledged("t" + i, "u" + i));
  }

  @Test
  void publishesEachBatchInOrderThenLoadsWhenTheLogWasTrimmed() {
    StatePublisher publisher = new StatePublisher();
    List<Long> offsets = new CopyOnWriteArrayList<>();
    publisher.subscribe(delta -> offsets.add(delta.current().offset()));
    store.append(0, ack(1));
    try (StateFollower follower = new StateFollower(store, publisher)) {
      await().atMost(Duration.ofSeconds(5)).until(() -> publisher.current().offset() == 1);
      store.append(1, ack(2));
      store.append(2, ack(3));
      await().atMost(Duration.ofSeconds(5)).until(() -> publisher.current().offset() == 3);
      assertThat(offsets).containsExactly(1L, 2L, 3L);
      assertThat(publisher.current()).isEqualTo(log.load());

      trimmed.set(true);
      store.append(3, ack(4));
      await().atMost(Duration.ofSeconds(5)).until(() -> publisher.current().offset() == 4);
      assertThat(publisher.current()).isEqualTo(log.load());
    }
    store.append(4, ack(5));
    assertThat(publisher.current().offset()).as("closed: publishes nothing more").isEqualTo(4);
  }
}

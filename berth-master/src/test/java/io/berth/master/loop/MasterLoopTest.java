package io.berth.master.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.state.StatePublisher;
import io.berth.state.image.ClusterImage;
import io.berth.state.record.ChangeRecord;
import io.berth.state.record.TaskRecord;
import io.berth.state.store.InMemoryStateStore;
import io.berth.state.store.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MasterLoopTest {
  private final List<Integer> batchSizes = new ArrayList<>();
  private final AtomicBoolean failNext = new AtomicBoolean();
  private final InMemoryStateStore memory = new InMemoryStateStore();
  private final StateStore store = new StateStore() {
    public ClusterImage load() {
      return memory.load();
    }

    public synchronized void append(long expectedOffset, List<ChangeRecord> batch) {
      if (failNext.getAndSet(false)) {
        throw new BerthException(ErrorCode.UNAVAILABLE, "ZooKeeper is away");
      }
      batchSizes.add(batch.size());
      memory.append(expectedOffset, batch);
    }

    public void snapshot(ClusterImage image) {
      memory.snapshot(image);
    }

    public java.util.Optional<List<Batch>> batchesAfter(long offset) {
      return memory.batchesAfter(offset);
    }

    public AutoCloseable watchHead(Runnable onChange) {
      return memory.watchHead(onChange);
    }

    public void close() {}
  };
  private final StatePublisher publisher = new StatePublisher();
  private final AtomicInteger storeFailures = new AtomicInteger();
  private final MasterLoop loop = new MasterLoop("test-loop", store, publisher, ClusterImage.EMPTY, storeFailures::incrementAndGet);

  @AfterEach
  void close() {
    loop.close();
  }

  private static ChangeRecord ack(int i) {
    return new TaskRecord.StatusAcknowledged("t" + i, "u" + i);
  }

  private static io.berth.api.cluster.TaskStatus status(String taskId, io.berth.api.cluster.TaskState state, String uuid) {
    return new io.berth.api.cluster.TaskStatus(taskId, "fw", "agent", state, null,
        io.berth.api.cluster.TaskStatus.Source.SOURCE_EXECUTOR, null, java.time.Instant.EPOCH, uuid, null, null, null);
  }

  private static ChangeRecord launched(String taskId) {
    return new TaskRecord.Launched(new io.berth.api.cluster.TaskInfo(taskId, taskId, "fw", "agent",
        io.berth.api.cluster.Resources.of(0.1, 32), io.berth.api.cluster.CommandInfo.shell("sleep 1"), List.of(),
        java.util.Map.of(), 1), status(taskId, io.berth.api.cluster.TaskState.TASK_STAGING, "s-" + taskId));
  }

  @Test
  void aTaskIsReadWithoutARebuildWhileOnlyOtherTasksChangedAndWithItsOwnChangesOtherwise() throws Exception {
    loop.start();
    loop.call(() -> {
      loop.record(List.of(launched("a"), launched("b")));
      ClusterImage built = loop.image();
      loop.record(new TaskRecord.StatusUpdated(status("a", io.berth.api.cluster.TaskState.TASK_RUNNING, "u1")));
      assertThat(loop.task("b")).as("b from the image built before a changed").containsSame(built.task("b").orElseThrow());
      assertThat(loop.agent("agent")).isEqualTo(built.agent("agent"));
      assertThat(loop.task("a").orElseThrow().state()).isEqualTo(io.berth.api.cluster.TaskState.TASK_RUNNING);
      assertThat(loop.task("b").orElseThrow()).isEqualTo(built.task("b").orElseThrow());
      assertThat(loop.task("c")).isEmpty();
      return null;
    }).get(5, TimeUnit.SECONDS);
  }

  @Test
  void everythingQueuedForARoundIsCommittedAsOneBatchBeforeAnyoneHearsBack() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    loop.start();
    loop.execute(() -> {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    List<CompletableFuture<Long>> calls = new ArrayList<>();
    List<Long> offsetsSeenByEffects = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      calls.add(loop.call(() -> {
        loop.record(ack(n));
        loop.afterCommit(() -> offsetsSeenByEffects.add(publisher.current().offset()));
        return loop.image().offset();
      }));
    }
    gate.countDown();
    for (CompletableFuture<Long> call : calls) {
      assertThat(call.get(5, TimeUnit.SECONDS)).isZero(); // the working image, before the commit
    }
    assertThat(batchSizes).containsExactly(5);
    assertThat(publisher.current().offset()).isEqualTo(1);
    await().until(() -> offsetsSeenByEffects.size() == 5);
    assertThat(offsetsSeenByEffects).containsOnly(1L);
  }

  @Test
  void aRoundWithoutRecordsCommitsNothing() throws Exception {
    loop.start();
    assertThat(loop.call(() -> "read").get(5, TimeUnit.SECONDS)).isEqualTo("read");
    assertThat(batchSizes).isEmpty();
  }

  @Test
  void aFailingCommandRecordsNothingAndTheOthersGoOn() throws Exception {
    loop.start();
    CompletableFuture<Object> bad = loop.call(() -> {
      throw BerthException.invalid("no");
    });
    CompletableFuture<String> good = loop.call(() -> {
      loop.record(ack(1));
      return "ok";
    });
    assertThat(good.get(5, TimeUnit.SECONDS)).isEqualTo("ok");
    assertThatThrownBy(bad::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(BerthException.class);
    assertThat(batchSizes).containsExactly(1);
  }

  @Test
  void aFailedCommitFailsTheRoundDropsItsEffectsAndEndsTheTerm() {
    loop.start();
    failNext.set(true);
    AtomicBoolean effectRan = new AtomicBoolean();
    CompletableFuture<String> call = loop.call(() -> {
      loop.record(ack(1));
      loop.afterCommit(() -> effectRan.set(true));
      return "never";
    });
    assertThatThrownBy(() -> call.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(BerthException.class)
        .hasMessageContaining("ZooKeeper is away");
    await().until(() -> storeFailures.get() == 1);
    assertThat(effectRan).isFalse();
    assertThat(publisher.current().offset()).isZero();
    assertThatThrownBy(() -> loop.execute(() -> {})).isInstanceOf(BerthException.class)
        .satisfies(e -> assertThat(((BerthException) e).code()).isEqualTo(ErrorCode.NOT_LEADER));
  }

  @Test
  void beforeCommitEffectsRunBeforeTheAppendAndEvenWhenItFails() throws Exception {
    loop.start();
    List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<String> call = loop.call(() -> {
      loop.record(ack(1));
      loop.afterCommit(() -> order.add("after, batches " + batchSizes.size()));
      loop.beforeCommit(() -> order.add("before, batches " + batchSizes.size()));
      return "done";
    });
    assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo("done");
    await().until(() -> order.size() == 2);
    assertThat(order).containsExactly("before, batches 0", "after, batches 1");

    failNext.set(true);
    AtomicBoolean early = new AtomicBoolean();
    CompletableFuture<String> failing = loop.call(() -> {
      loop.record(ack(2));
      loop.beforeCommit(() -> early.set(true));
      return "never";
    });
    assertThatThrownBy(() -> failing.get(5, TimeUnit.SECONDS)).hasMessageContaining("ZooKeeper is away");
    assertThat(early).as("sent before the commit failed").isTrue();
  }

  @Test
  void stateIsOnlyTouchedOnTheLoop() {
    assertThatThrownBy(loop::image).isInstanceOf(IllegalStateException.class);
  }
}

package io.berth.master;

import io.berth.state.StatePublisher;
import io.berth.state.image.ClusterImage;
import io.berth.state.store.StateStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a non-leading master's {@link StatePublisher} current by following the state log, as Kafka's brokers follow
 * the metadata log: a watch on the log's head wakes one thread, which applies the new batches (or loads afresh when a
 * snapshot trimmed them) and publishes each, so DNS, IAM and the operator API of every master see the leader's
 * writes. Never writes. Stopped before the master starts to lead, since its term then publishes.
 */
final class StateFollower implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StateFollower.class);
  private static final long RETRY_MILLIS = 1_000;

  private final StateStore store;
  private final StatePublisher publisher;
  private final Semaphore wakeUps = new Semaphore(0);
  private final Thread worker;
  private final AutoCloseable watch;
  private volatile boolean closed;

  StateFollower(StateStore store, StatePublisher publisher) {
    this.store = store;
    this.publisher = publisher;
    this.worker = Thread.ofVirtual().name("state-follower").start(this::run);
    this.watch = store.watchHead(wakeUps::release);
  }

  private void run() {
    while (!closed) {
      try {
        boolean woken = wakeUps.tryAcquire(RETRY_MILLIS, TimeUnit.MILLISECONDS);
        wakeUps.drainPermits(); // one catch-up serves every wake-up so far
        if (woken && !closed) {
          catchUp();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        log.warn("cannot follow the state log ({}); trying again", e.getMessage());
        wakeUps.release(); // the retry runs after the next wait times out or a change arrives
        sleepQuietly();
      }
    }
  }

  private void catchUp() {
    ClusterImage image = publisher.current();
    Optional<List<StateStore.Batch>> batches = store.batchesAfter(image.offset());
    if (batches.isEmpty()) {
      ClusterImage loaded = store.load();
      if (!closed) {
        publisher.publish(loaded, List.of());
      }
      return;
    }
    for (StateStore.Batch batch : batches.get()) {
      if (closed) {
        return;
      }
      image = image.apply(batch.offset(), batch.records());
      publisher.publish(image, batch.records());
    }
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(RETRY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops following; returns once nothing more will be published by this follower. */
  @Override
  public void close() {
    closed = true;
    try {
      watch.close();
    } catch (Exception e) {
      log.debug("closing the head watch failed", e);
    }
    wakeUps.release(); // a read in progress finishes; the worker then sees closed
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

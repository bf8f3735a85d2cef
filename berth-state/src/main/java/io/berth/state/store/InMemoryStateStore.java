package io.berth.state.store;

import io.berth.state.image.ClusterImage;
import io.berth.state.record.ChangeRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link StateStore} in memory, for unit, component and simulation tests. Batches go through
 * {@link RecordCodec} like in the real store, so a record that does not survive serialisation fails here too.
 */
public final class InMemoryStateStore implements StateStore {
  private final List<byte[]> log = new ArrayList<>();
  private byte[] snapshot;
  private long snapshotOffset;
  private final List<Runnable> watchers = new CopyOnWriteArrayList<>();

  @Override
  public synchronized ClusterImage load() {
    ClusterImage image = snapshot == null ? ClusterImage.EMPTY : RecordCodec.decodeImage(snapshot);
    for (long offset = image.offset() + 1; offset <= head(); offset++) {
      image = image.apply(offset, RecordCodec.decodeBatch(log.get((int) (offset - 1))));
    }
    return image;
  }

  @Override
  public void append(long expectedOffset, List<ChangeRecord> batch) {
    synchronized (this) {
      if (expectedOffset != head()) {
        throw new StaleWriterException(expectedOffset, head());
      }
      log.add(RecordCodec.encodeBatch(batch));
    }
    watchers.forEach(Runnable::run);
  }

  /** Never trims: the whole log stays in memory. */
  @Override
  public synchronized Optional<List<Batch>> batchesAfter(long offset) {
    List<Batch> batches = new ArrayList<>();
    for (long o = offset + 1; o <= head(); o++) {
      batches.add(new Batch(o, RecordCodec.decodeBatch(log.get((int) (o - 1)))));
    }
    return Optional.of(batches);
  }

  /** Runs {@code onChange} once now and then on the appending thread after every append. */
  @Override
  public AutoCloseable watchHead(Runnable onChange) {
    watchers.add(onChange);
    onChange.run();
    return () -> watchers.remove(onChange);
  }

  @Override
  public synchronized void snapshot(ClusterImage image) {
    snapshot = RecordCodec.encodeImage(image);
    snapshotOffset = image.offset();
  }

  public synchronized long head() {
    return log.size();
  }

  public synchronized long snapshotOffset() {
    return snapshotOffset;
  }

  @Override
  public void close() {}
}

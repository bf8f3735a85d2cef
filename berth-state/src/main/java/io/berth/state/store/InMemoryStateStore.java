package io.berth.state.store;

import io.berth.state.image.ClusterImage;
import io.berth.state.record.ChangeRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link StateStore} in memory, for unit, component and simulation tests. Batches go through
 * {@link RecordCodec} like in the real store, so a record that does not survive serialisation fails here too.
 */
public final class InMemoryStateStore implements StateStore {
  private final List<byte[]> log = new ArrayList<>();
  private byte[] snapshot;
  private long snapshotOffset;

  @Override
  public synchronized ClusterImage load() {
    ClusterImage image = snapshot == null ? ClusterImage.EMPTY : RecordCodec.decodeImage(snapshot);
    for (long offset = image.offset() + 1; offset <= head(); offset++) {
      image = image.apply(offset, RecordCodec.decodeBatch(log.get((int) (offset - 1))));
    }
    return image;
  }

  @Override
  public synchronized void append(long expectedOffset, List<ChangeRecord> batch) {
    if (expectedOffset != head()) {
      throw new StaleWriterException(expectedOffset, head());
    }
    log.add(RecordCodec.encodeBatch(batch));
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

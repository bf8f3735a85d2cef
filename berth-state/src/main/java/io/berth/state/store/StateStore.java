package io.berth.state.store;

import io.berth.state.image.ClusterImage;
import io.berth.state.record.ChangeRecord;
import java.util.List;
import java.util.Optional;

/**
 * Durable cluster state: a log of record batches plus snapshots. Only the leader appends. Every append names
 * the offset it builds on, so a deposed leader that still tries to write fails with {@link StaleWriterException}
 * instead of forking the log.
 */
public interface StateStore extends AutoCloseable {
  /** The latest committed image: the newest snapshot with every later batch replayed onto it. */
  ClusterImage load();

  /**
   * Appends {@code batch} as the batch at offset {@code expectedOffset + 1}.
   *
   * @throws StaleWriterException when the log's head is not {@code expectedOffset} (someone else wrote)
   * @throws io.berth.common.error.BerthException UNAVAILABLE when the store cannot be reached
   */
  void append(long expectedOffset, List<ChangeRecord> batch);

  /** Records {@code image} as a snapshot so that loading need not replay older batches; may trim the log. */
  void snapshot(ClusterImage image);

  /**
   * The committed batches after {@code offset} up to the head, oldest first (empty when {@code offset} is the head),
   * for readers that follow the log without writing. Empty {@link Optional} when the log no longer holds all of
   * them (a snapshot trimmed it): such a reader must {@link #load()} instead.
   */
  Optional<List<Batch>> batchesAfter(long offset);

  /**
   * Calls {@code onChange} (on a thread of the store's) whenever the log's head may have moved, including once the
   * watch is set up and after a lost connection comes back, until the returned handle is closed.
   */
  AutoCloseable watchHead(Runnable onChange);

  /** One committed batch of the log. */
  record Batch(long offset, List<ChangeRecord> records) {
    public Batch {
      records = List.copyOf(records);
    }
  }

  @Override
  void close();
}

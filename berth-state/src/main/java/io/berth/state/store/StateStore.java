package io.berth.state.store;

import io.berth.state.image.ClusterImage;
import io.berth.state.record.ChangeRecord;
import java.util.List;

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

  @Override
  void close();
}

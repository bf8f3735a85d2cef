package io.berth.state;

import io.berth.state.image.ClusterImage;
import io.berth.state.record.ChangeRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Writes to the cluster state on the leading master. A command sees the latest image (including records of
 * earlier commands of the same round), returns the records to commit and a result; the future completes with the
 * result once the records are durable, or fails with the command's BerthException (nothing is recorded) or with
 * NOT_LEADER / UNAVAILABLE when the commit fails.
 */
@FunctionalInterface
public interface StateWriter {
  <T> CompletableFuture<T> write(Function<ClusterImage, Write<T>> command);

  /** What a command decided: records to commit and the caller's answer. */
  record Write<T>(List<ChangeRecord> records, T result) {
    public Write {
      records = List.copyOf(records);
    }

    public static <T> Write<T> of(T result, List<? extends ChangeRecord> records) {
      return new Write<>(List.copyOf(records), result);
    }

    public static <T> Write<T> of(T result, ChangeRecord... records) {
      return new Write<>(List.of(records), result);
    }
  }
}

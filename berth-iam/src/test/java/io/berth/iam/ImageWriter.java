package io.berth.iam;

import io.berth.state.StateWriter;
import io.berth.state.image.ClusterImage;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** An in-memory {@link StateWriter} for tests: applies each command's records to its own image at once. */
final class ImageWriter implements StateWriter {
  private ClusterImage image = ClusterImage.EMPTY;

  synchronized ClusterImage image() {
    return image;
  }

  @Override
  public synchronized <T> CompletableFuture<T> write(Function<ClusterImage, Write<T>> command) {
    try {
      Write<T> write = command.apply(image);
      image = image.apply(image.offset() + 1, write.records());
      return CompletableFuture.completedFuture(write.result());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}

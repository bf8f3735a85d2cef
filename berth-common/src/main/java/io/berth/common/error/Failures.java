package io.berth.common.error;

import java.util.concurrent.CompletionException;

/** Helpers for failures as asynchronous code sees them. */
public final class Failures {
  private Failures() {}

  /**
   * The failure itself, as a {@code CompletableFuture} stage reports it: a dependent stage wraps it in a
   * {@link CompletionException}, which says nothing of its own.
   */
  public static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }
}

package io.berth.master.api;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for the leader loop's answer on a request thread, turning its failure back into the BerthException it was. */
public final class AwaitResult {
  private static final long TIMEOUT_SECONDS = 30;

  private AwaitResult() {}

  public static <T> T of(CompletableFuture<T> future) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof BerthException b) {
        throw b;
      }
      throw new BerthException(ErrorCode.INTERNAL, "request failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new BerthException(ErrorCode.UNAVAILABLE, "the master did not answer within " + TIMEOUT_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BerthException(ErrorCode.UNAVAILABLE, "interrupted");
    }
  }
}

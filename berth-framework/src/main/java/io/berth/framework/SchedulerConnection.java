package io.berth.framework;

import java.util.concurrent.CompletableFuture;

/** A subscribed scheduler's handle for calls. Closing it disconnects without tearing the framework down. */
public interface SchedulerConnection extends AutoCloseable {
  String frameworkId();

  /** Sends a call; the future fails with a BerthException when the master refuses it. */
  CompletableFuture<Void> call(SchedulerCall call);

  @Override
  void close();
}

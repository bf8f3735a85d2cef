package io.berth.agent.task;

import io.berth.agent.EventLoop;
import io.berth.agent.runtime.ContainerRuntime;
import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.ExitStatus;
import io.berth.agent.runtime.StartReport;
import io.berth.common.error.Failures;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task runner's calls into the {@link ContainerRuntime}: each runs on a thread of its own (runtimes run
 * commands such as {@code runc}; a start, which waits in native code, on a platform thread) and reports its outcome
 * back on the agent's {@link EventLoop}.
 */
final class Containers {
  private static final Logger log = LoggerFactory.getLogger(Containers.class);
  static final int SIGTERM = 15;
  static final int SIGKILL = 9;

  private final EventLoop loop;
  private final ContainerRuntime runtime;

  Containers(EventLoop loop, ContainerRuntime runtime) {
    this.loop = loop;
    this.runtime = runtime;
  }

  /** Starts a container; then {@code started} or {@code failed} runs on the loop. */
  void start(ContainerSpec spec, Runnable started, Consumer<RuntimeException> failed) {
    start(spec, () -> { }, started, failed);
  }

  /** As {@link #start(ContainerSpec, Runnable, Consumer)}, running {@code prepare} (fetching) on the I/O thread first. */
  void start(ContainerSpec spec, Runnable prepare, Runnable started, Consumer<RuntimeException> failed) {
    loop.blocking("start-" + spec.id(), () -> {
      try {
        prepare.run();
        StartReport report = runtime.start(spec);
        loop.execute(started);
        log.info("container {} {}", spec.id(), report); // after the hand-off: not on the launch's path
      } catch (RuntimeException e) {
        loop.execute(() -> failed.accept(e));
      }
    });
  }

  /** Calls {@code exited} on the loop with the exit status, or the error, once the container has exited. */
  void watch(String cid, BiConsumer<ExitStatus, Throwable> exited) {
    CompletableFuture<ExitStatus> exit;
    try {
      exit = runtime.awaitExit(cid);
    } catch (RuntimeException e) {
      exit = CompletableFuture.failedFuture(e);
    }
    exit.whenComplete((status, error) -> loop.execute(() -> exited.accept(status, Failures.unwrap(error))));
  }

  /** Sends a signal; then {@code sent} runs on the loop (even when sending failed: the failure is logged). */
  void signal(String cid, int signal, Runnable sent) {
    loop.io("signal-" + signal + "-" + cid, () -> {
      try {
        runtime.signal(cid, signal);
      } catch (RuntimeException e) {
        log.warn("cannot send signal {} to container {}: {}", signal, cid, e.getMessage());
      }
      loop.execute(sent);
    });
  }

  /** Removes an exited container (its exit is recorded by now). */
  void remove(String cid) {
    loop.io("remove-" + cid, () -> {
      try {
        runtime.remove(cid);
      } catch (RuntimeException e) {
        log.warn("cannot remove container {}: {}", cid, e.getMessage());
      }
    });
  }

  /** Kills a container nobody needs (an orphan, or a forgotten task's), waits for its exit and removes it. */
  void discard(String cid) {
    loop.io("discard-" + cid, () -> {
      try {
        runtime.signal(cid, SIGKILL);
        runtime.awaitExit(cid).get(30, TimeUnit.SECONDS);
        runtime.remove(cid);
        log.info("removed container {}", cid);
      } catch (Exception e) {
        log.warn("cannot discard container {}: {}", cid, e.toString());
      }
    });
  }
}

package io.berth.agent;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's single-threaded event loop: the task runner, the master link and the status update sender own
 * their mutable state and touch it only on this thread. Blocking I/O (HTTP to the master, container runtime
 * calls) runs on virtual threads started with {@link #io} (container starts, which wait in native code, on platform
 * threads: {@link #blocking}), which post their results back with {@link #execute}.
 */
public final class EventLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventLoop.class);

  private final ScheduledThreadPoolExecutor executor;
  private final ExecutorService blocking;
  private final String name;
  private volatile Thread thread;

  public EventLoop(String name) {
    this.name = name;
    this.executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      thread = t;
      return t;
    });
    this.blocking = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name(name + "-blocking-", 0).factory());
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** True when the caller runs on the loop. */
  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** Runs {@code task} on the loop, later. Failures are logged; after {@link #close} tasks are dropped. */
  public void execute(Runnable task) {
    try {
      executor.execute(() -> runLogged(task));
    } catch (RejectedExecutionException e) {
      log.debug("{} is closed; dropping a task", name);
    }
  }

  /** Runs {@code task} on the loop and waits for its result; its exceptions are rethrown to the caller. */
  public <T> T call(Callable<T> task) {
    if (inLoop()) {
      return callDirect(task);
    }
    Future<T> future;
    try {
      future = executor.submit(task);
    } catch (RejectedExecutionException e) {
      throw BerthException.unavailable("the agent is shutting down");
    }
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new BerthException(ErrorCode.INTERNAL, "agent task failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BerthException.unavailable("interrupted");
    }
  }

  /** Runs {@code task} on the loop after {@code delay}. */
  public ScheduledFuture<?> schedule(Duration delay, Runnable task) {
    try {
      return executor.schedule(() -> runLogged(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("{} is closed; dropping a timer", name);
      return null;
    }
  }

  /** Runs blocking work on a new virtual thread; failures are logged. */
  public void io(String what, Runnable task) {
    Thread.ofVirtual().name(name + "-io-" + what).start(() -> runLogged(task));
  }

  /**
   * Runs work that waits in native code (a container start polls its monitor's pipe) on a platform thread, one of a
   * pool that keeps idle threads for a minute: a virtual thread would pin its carrier for the wait. Failures are
   * logged.
   */
  public void blocking(String what, Runnable task) {
    try {
      blocking.execute(() -> runLogged(task));
    } catch (RejectedExecutionException e) {
      log.debug("{} is closed; dropping {}", name, what);
    }
  }

  /** Cancels a timer returned by {@link #schedule}; null-safe. */
  public static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  private static <T> T callDirect(Callable<T> task) {
    try {
      return task.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new BerthException(ErrorCode.INTERNAL, "agent task failed: " + e, e);
    }
  }

  private void runLogged(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.error("{}: a task failed", name, e);
    }
  }

  /** Stops the loop: queued tasks still run (never interrupted mid-write), timers and later tasks are dropped. */
  @Override
  public void close() {
    executor.shutdown();
    blocking.shutdown(); // starts under way finish (their results are dropped with the loop's later tasks)
    try {
      if (!inLoop() && !executor.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("{} did not stop within 5 s", name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

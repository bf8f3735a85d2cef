package io.berth.agent.runc;

import io.berth.agent.runtime.ContainerException;
import io.berth.agent.runtime.ExitStatus;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes the futures of {@code awaitExit}: one daemon thread blocks on a {@link WatchService} (inotify) over
 * conmon's exit directory, for all containers. conmon writes {@code <exitDir>/<id>} through a temporary file and
 * a rename, so a created file named after an awaited container holds its complete exit code. Futures complete on
 * virtual threads, never on the watcher thread. No polling: exits that happened before a future was registered
 * are found by the caller's check right after {@link #await}.
 */
final class ExitWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExitWatcher.class);

  private final Path exitDir;
  private final Function<String, Optional<ExitStatus>> exitOf;
  private final WatchService watchService;
  private final Map<String, CompletableFuture<ExitStatus>> pending = new ConcurrentHashMap<>();
  private final ExecutorService completions = Executors.newVirtualThreadPerTaskExecutor();
  private final Thread thread;
  private volatile boolean closed;

  /**
   * @param exitOf the recorded exit status of a container, empty while it runs
   */
  ExitWatcher(Path exitDir, Function<String, Optional<ExitStatus>> exitOf) throws IOException {
    this.exitDir = exitDir;
    this.exitOf = exitOf;
    this.watchService = FileSystems.getDefault().newWatchService();
    exitDir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
    this.thread = Thread.ofPlatform().daemon().name("runc-exit-watcher").start(this::run);
  }

  /** The (shared) future of a container's exit; the caller then checks whether it has exited already. */
  CompletableFuture<ExitStatus> await(String id) {
    if (closed) {
      return CompletableFuture.failedFuture(new ContainerException("the runc runtime is closed"));
    }
    return pending.computeIfAbsent(id, k -> new CompletableFuture<>()).copy();
  }

  /** Completes the container's future if its exit has been recorded. */
  void check(String id) {
    if (!pending.containsKey(id)) {
      return;
    }
    try {
      exitOf.apply(id).ifPresent(status -> complete(id, status));
    } catch (RuntimeException e) {
      log.warn("cannot read the exit of container {}: {}", id, e.toString());
    }
  }

  void complete(String id, ExitStatus status) {
    CompletableFuture<ExitStatus> future = pending.remove(id);
    if (future != null) {
      completions.execute(() -> future.complete(status));
    }
  }

  void fail(String id, RuntimeException error) {
    CompletableFuture<ExitStatus> future = pending.remove(id);
    if (future != null) {
      completions.execute(() -> future.completeExceptionally(error));
    }
  }

  private void run() {
    try {
      while (!closed) {
        WatchKey key = watchService.take();
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            List.copyOf(pending.keySet()).forEach(this::check);
          } else if (event.context() instanceof Path name) {
            check(name.toString());
          }
        }
        if (!key.reset()) {
          log.error("exit directory {} is gone: no more exits can be seen", exitDir);
          return;
        }
      }
    } catch (ClosedWatchServiceException | InterruptedException e) {
      // closed
    } catch (RuntimeException e) {
      log.error("watching exit files in {} failed", exitDir, e);
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      watchService.close();
    } catch (IOException e) {
      log.debug("closing the watch service failed", e);
    }
    List.copyOf(pending.keySet()).forEach(id -> fail(id, new ContainerException("the runc runtime is closed")));
    completions.close();
    thread.interrupt();
  }
}

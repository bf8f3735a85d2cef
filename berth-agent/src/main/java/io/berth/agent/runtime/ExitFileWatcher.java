package io.berth.agent.runtime;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes {@link ProcessRuntime#awaitExit} futures: one virtual thread watches the state dir for
 * {@code <id>.exit} files (inotify through the JDK's WatchService) and, once a second, re-checks every awaited
 * container (so a monitor that died without writing its exit file is noticed too).
 */
final class ExitFileWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExitFileWatcher.class);

  private final Path dir;
  private final Function<String, ContainerState> states;
  private final Map<String, CompletableFuture<ExitStatus>> waiting = new HashMap<>();
  private WatchService watchService;
  private Thread thread;
  private boolean closed;

  ExitFileWatcher(Path dir, Function<String, ContainerState> states) {
    this.dir = dir;
    this.states = states;
  }

  CompletableFuture<ExitStatus> await(String id) {
    CompletableFuture<ExitStatus> future;
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(new ContainerException("the process runtime is closed"));
      }
      ensureStarted();
      future = waiting.computeIfAbsent(id, k -> new CompletableFuture<>());
    }
    check(id); // the exit may have happened before the watch was in place
    return future.copy();
  }

  private void ensureStarted() {
    if (thread != null) {
      return;
    }
    try {
      watchService = FileSystems.getDefault().newWatchService();
      dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
    } catch (IOException e) {
      throw new ContainerException("cannot watch " + dir + ": " + e.getMessage(), e);
    }
    WatchService ws = watchService;
    thread = Thread.ofVirtual().name("process-runtime-exits").start(() -> run(ws));
  }

  private void run(WatchService ws) {
    try {
      while (true) {
        WatchKey key = ws.poll(1, TimeUnit.SECONDS);
        if (key != null) {
          for (WatchEvent<?> event : key.pollEvents()) {
            if (event.context() instanceof Path name && name.toString().endsWith(".exit")) {
              String file = name.toString();
              check(file.substring(0, file.length() - ".exit".length()));
            }
          }
          key.reset();
        }
        checkAll();
      }
    } catch (ClosedWatchServiceException | InterruptedException e) {
      // closed
    } catch (RuntimeException e) {
      log.error("watching exit files in {} failed", dir, e);
    }
  }

  private void checkAll() {
    List<String> ids;
    synchronized (this) {
      ids = List.copyOf(waiting.keySet());
    }
    ids.forEach(this::check);
  }

  private void check(String id) {
    ContainerState state;
    try {
      state = states.apply(id);
    } catch (RuntimeException e) {
      log.warn("cannot read the state of container {}: {}", id, e.toString());
      return;
    }
    CompletableFuture<ExitStatus> future;
    switch (state) {
      case ContainerState.Running r -> {
        return;
      }
      case ContainerState.Exited e -> {
        synchronized (this) {
          future = waiting.remove(id);
        }
        if (future != null) {
          future.complete(e.status());
        }
      }
      case ContainerState.Unknown u -> {
        synchronized (this) {
          future = waiting.remove(id);
        }
        if (future != null) {
          future.completeExceptionally(new ContainerException("container " + id + " was removed"));
        }
      }
    }
  }

  @Override
  public void close() {
    List<CompletableFuture<ExitStatus>> pending;
    synchronized (this) {
      closed = true;
      pending = List.copyOf(waiting.values());
      waiting.clear();
      if (watchService != null) {
        try {
          watchService.close();
        } catch (IOException e) {
          log.debug("closing the watch service failed", e);
        }
      }
    }
    pending.forEach(f -> f.completeExceptionally(new ContainerException("the process runtime is closed")));
  }
}

package io.berth.state.zookeeper;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.WatcherRemoveCuratorFramework;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows who leads a Curator {@code LeaderLatch} without taking part: the participant with the lowest sequence
 * number under the latch path leads, and its znode's data is its id (the master's URL). Re-reads on every change
 * of the latch's children and after every (re)connection. While ZooKeeper cannot be reached it keeps reporting
 * the last leader it saw. Listeners are called on this watch's own thread, in order.
 */
final class LatchLeaderWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LatchLeaderWatch.class);
  private static final String LATCH_NODE_MARKER = "latch-";

  private final WatcherRemoveCuratorFramework client;
  private final String latchPath;
  private final ExecutorService executor;
  private final List<Consumer<Optional<String>>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean refreshQueued = new AtomicBoolean();
  private final CuratorWatcher watcher = event -> requestRefresh();
  private final ConnectionStateListener connectionListener = this::connectionChanged;
  private volatile Optional<String> leader = Optional.empty();
  private volatile boolean closed;
  private volatile Thread watchThread;

  LatchLeaderWatch(CuratorFramework client, String latchPath) {
    this.client = client.newWatcherRemoveCuratorFramework();
    this.latchPath = latchPath;
    this.executor = Executors.newSingleThreadExecutor(task -> {
      watchThread = Thread.ofPlatform().daemon().name("berth-leader-watch").unstarted(task);
      return watchThread;
    });
  }

  void start() {
    client.getConnectionStateListenable().addListener(connectionListener);
    requestRefresh();
  }

  Optional<String> leader() {
    return leader;
  }

  void onChange(Consumer<Optional<String>> listener) {
    listeners.add(listener);
  }

  private void connectionChanged(CuratorFramework c, ConnectionState state) {
    if (state == ConnectionState.CONNECTED || state == ConnectionState.RECONNECTED) {
      requestRefresh();
    }
  }

  private void requestRefresh() {
    if (!closed && refreshQueued.compareAndSet(false, true)) {
      try {
        executor.execute(this::refresh);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        refreshQueued.set(false); // closed meanwhile
      }
    }
  }

  private void refresh() {
    refreshQueued.set(false);
    if (closed) {
      return;
    }
    try {
      update(readLeader());
    } catch (Exception e) {
      if (closed) {
        return; // interrupted by close()
      }
      if (ZkErrors.isConnectionProblem(e)) {
        log.debug("cannot read the leader of {} now ({}); keeping {}", latchPath, e.getMessage(), leader);
      } else {
        log.warn("cannot read the leader of {}", latchPath, e);
      }
    }
  }

  private Optional<String> readLeader() throws Exception {
    if (client.checkExists().usingWatcher(watcher).forPath(latchPath) == null) {
      return Optional.empty(); // the watch fires when the first participant creates the path
    }
    List<String> children;
    try {
      children = client.getChildren().usingWatcher(watcher).forPath(latchPath);
    } catch (KeeperException.NoNodeException e) {
      return Optional.empty();
    }
    for (String participant : inOrder(children)) {
      try {
        byte[] id = client.getData().forPath(latchPath + "/" + participant);
        return Optional.of(new String(id, StandardCharsets.UTF_8));
      } catch (KeeperException.NoNodeException e) {
        // left between listing and reading; the children watch fires again as well
      }
    }
    return Optional.empty();
  }

  /** The latch's participant znodes in the order they lead: by sequence number, as Curator's lock recipes sort. */
  static List<String> inOrder(List<String> children) {
    return children.stream()
        .filter(name -> name.contains(LATCH_NODE_MARKER))
        .sorted(Comparator.comparing(LatchLeaderWatch::sequence))
        .toList();
  }

  /** The participant znode that leads, if any. */
  static Optional<String> first(List<String> children) {
    return inOrder(children).stream().findFirst();
  }

  private static String sequence(String name) {
    return name.substring(name.lastIndexOf(LATCH_NODE_MARKER) + LATCH_NODE_MARKER.length());
  }

  private void update(Optional<String> current) {
    if (current.equals(leader) || closed) {
      return;
    }
    log.debug("leader of {} is now {}", latchPath, current.orElse("(none)"));
    leader = current;
    for (Consumer<Optional<String>> listener : listeners) {
      try {
        listener.accept(current);
      } catch (RuntimeException e) {
        log.warn("leader change listener failed", e);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    client.getConnectionStateListenable().removeListener(connectionListener);
    client.removeWatchers();
    if (Thread.currentThread() == watchThread) {
      executor.shutdown(); // closed by a listener: the thread ends when the listener returns
      return;
    }
    executor.shutdownNow(); // interrupts a read that waits for a connection
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

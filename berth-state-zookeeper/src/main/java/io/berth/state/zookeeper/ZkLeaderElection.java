package io.berth.state.zookeeper;

import io.berth.common.error.BerthException;
import io.berth.state.election.LeaderElection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A master's place in the election of the leading master: a Curator {@link LeaderLatch} at {@code root/leader}
 * whose participant id is the master's advertised URL. The listener hears {@code elected()} when this master
 * leads and may write, and {@code revoked()} as soon as that is no longer sure: leadership lost, connection
 * SUSPENDED or LOST, or {@link #close()}. After SUSPENDED then RECONNECTED it hears {@code elected()} again only
 * if its latch znode is still the first one and owned by this session. Calls alternate (never two elected() in
 * a row) and come from one thread of this election.
 */
public final class ZkLeaderElection implements LeaderElection {
  private static final Logger log = LoggerFactory.getLogger(ZkLeaderElection.class);

  private final CuratorFramework client;
  private final String participantId;
  private final String latchPath;
  /** Replaced when this master abdicates (a latch cannot join again once closed). */
  private volatile LeaderLatch latch;
  private final LeaderLatchListener latchListener = new LeaderLatchListener() {
    @Override
    public void isLeader() {
      submit(ZkLeaderElection.this::reconcile);
    }

    @Override
    public void notLeader() {
      submit(ZkLeaderElection.this::reconcile);
    }
  };
  private final LatchLeaderWatch watch;
  private final ExecutorService events;
  private final ConnectionStateListener connectionListener = (c, state) -> connectionChanged(state);
  private Listener listener; // used on the events thread only
  private boolean connected; // events thread only
  private volatile Thread eventsThread;
  private volatile boolean announced;
  private volatile boolean started;
  private volatile boolean closed;

  /** Takes part under {@code root} (see {@link ZkConfig#root()}) as {@code participantId} (the master's URL). */
  public ZkLeaderElection(CuratorFramework client, String root, String participantId) {
    if (participantId == null || participantId.isBlank()) {
      throw BerthException.invalid("leader election participant id (the master's URL) must not be empty");
    }
    this.client = client;
    this.participantId = participantId;
    this.latchPath = ZKPaths.makePath(ZkConfig.validRoot(root), "leader");
    this.latch = new LeaderLatch(client, latchPath, participantId, LeaderLatch.CloseMode.SILENT);
    this.watch = new LatchLeaderWatch(client, latchPath);
    this.events = Executors.newSingleThreadExecutor(task -> {
      eventsThread = Thread.ofPlatform().daemon().name("berth-election").unstarted(task);
      return eventsThread;
    });
  }

  @Override
  public synchronized void start(Listener newListener) {
    if (started || closed) {
      throw new IllegalStateException("election of " + participantId + " was already started or closed");
    }
    started = true;
    events.execute(() -> listener = newListener);
    latch.addListener(latchListener);
    client.getConnectionStateListenable().addListener(connectionListener);
    submit(() -> connected = client.getZookeeperClient().isConnected());
    watch.start();
    try {
      latch.start();
    } catch (Exception e) {
      throw ZkErrors.translate("cannot join the leader election", e);
    }
    log.info("{} joined the leader election", participantId);
  }

  private void connectionChanged(ConnectionState state) {
    submit(() -> {
      switch (state) {
        case SUSPENDED, LOST, READ_ONLY -> {
          connected = false;
          log.info("ZooKeeper connection of {} is {}", participantId, state);
          announce(false);
        }
        case CONNECTED, RECONNECTED -> {
          connected = true;
          reconcile();
        }
      }
    });
  }

  /** Tells the listener what is true now: leading when connected and the latch (verifiably) has leadership. */
  private void reconcile() {
    boolean lead = !closed && connected && latch.hasLeadership();
    if (lead && !announced) {
      lead = ownsLeaderNode();
    }
    announce(lead);
  }

  /** True if the first latch znode is this latch's and belongs to the current session (checked in ZooKeeper). */
  private boolean ownsLeaderNode() {
    try {
      String ourPath = latch.getOurPath();
      if (ourPath == null) {
        return false;
      }
      Stat stat = client.checkExists().forPath(ourPath);
      long session = client.getZookeeperClient().getZooKeeper().getSessionId();
      return stat != null && stat.getEphemeralOwner() == session && isFirst(ourPath);
    } catch (Exception e) {
      log.info("cannot verify leadership of {} now ({}); waiting for the next change", participantId, e.toString());
      return false;
    }
  }

  private boolean isFirst(String ourPath) throws Exception {
    ZKPaths.PathAndNode pathAndNode = ZKPaths.getPathAndNode(ourPath);
    List<String> children = client.getChildren().forPath(pathAndNode.getPath());
    return LatchLeaderWatch.first(children).map(pathAndNode.getNode()::equals).orElse(false);
  }

  private void announce(boolean lead) {
    if (lead == announced || listener == null) {
      return;
    }
    announced = lead;
    log.info("{} {}", participantId, lead ? "is elected leader" : "is no longer leader");
    try {
      if (lead) {
        listener.elected();
      } else {
        listener.revoked();
      }
    } catch (RuntimeException e) {
      log.warn("election listener failed", e);
    }
  }

  private void submit(Runnable task) {
    try {
      events.execute(task);
    } catch (RejectedExecutionException e) {
      log.debug("election of {} is closed; ignoring an event", participantId);
    }
  }

  /** True while this master has been told it leads and has not been told to stop. */
  @Override
  public boolean isLeader() {
    return announced;
  }

  /** The leader's URL as last seen in ZooKeeper (kept while ZooKeeper cannot be reached). */
  @Override
  public Optional<String> leader() {
    return watch.leader();
  }

  @Override
  public void onChange(Consumer<Optional<String>> changeListener) {
    watch.onChange(changeListener);
  }

  /**
   * Gives up leadership as Marathon's {@code DELETE /v2/leader} asks: the listener hears {@code revoked()} first, then
   * this master leaves the election (its latch znode is deleted, so the next participant takes over at once) and
   * joins again at the end of the queue; alone, it is elected again. A master that does not lead ignores it.
   */
  @Override
  public synchronized void abdicate() {
    if (!started || closed || !announced) {
      return;
    }
    log.info("{} abdicates", participantId);
    submit(() -> announce(false));
    LeaderLatch old = latch;
    latch = new LeaderLatch(client, latchPath, participantId, LeaderLatch.CloseMode.SILENT);
    try {
      old.close();
    } catch (Exception e) {
      log.warn("closing the leader latch of {} failed: {}", participantId, e.toString());
    }
    latch.addListener(latchListener);
    try {
      latch.start();
    } catch (Exception e) {
      throw ZkErrors.translate("cannot join the leader election again", e);
    }
  }

  /** Leaves the election: the latch znode is deleted so that the next participant takes over at once. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    client.getConnectionStateListenable().removeListener(connectionListener);
    if (started) {
      try {
        latch.close();
      } catch (Exception e) {
        log.warn("closing the leader latch of {} failed: {}", participantId, e.toString());
      }
    }
    submit(() -> announce(false));
    events.shutdown();
    try {
      if (Thread.currentThread() != eventsThread && !events.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("election listener of {} did not finish within 5 s", participantId);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    watch.close();
    log.info("{} left the leader election", participantId);
  }
}

package io.berth.state.zookeeper;

import io.berth.state.election.LeaderDetector;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;

/**
 * Tells agents and clients which master leads, by reading the participants of the masters' leader latch at
 * {@code root/leader} without joining the election. Listeners hear every change (on the detector's own thread).
 *
 * <p>While ZooKeeper cannot be reached, {@link #leader()} keeps returning the <em>last known</em> leader (the
 * master itself rejects requests if it no longer leads); the detector reads again as soon as the connection is
 * back and reports any change then. Before the first successful read it is empty.
 */
public final class ZkLeaderDetector implements LeaderDetector {
  private final LatchLeaderWatch watch;
  private final CuratorFramework ownedClient;

  /** Starts watching the election under {@code root} with {@code client}, which the caller keeps and closes. */
  public ZkLeaderDetector(CuratorFramework client, String root) {
    this(client, root, null);
  }

  private ZkLeaderDetector(CuratorFramework client, String root, CuratorFramework ownedClient) {
    this.watch = new LatchLeaderWatch(client, ZKPaths.makePath(ZkConfig.validRoot(root), "leader"));
    this.ownedClient = ownedClient;
    watch.start();
  }

  /** A detector with its own ZooKeeper client for {@code config}; {@link #close()} closes that client. */
  public static ZkLeaderDetector open(ZkConfig config) {
    CuratorFramework client = ZkConnection.start(config);
    return new ZkLeaderDetector(client, config.root(), client);
  }

  @Override
  public Optional<String> leader() {
    return watch.leader();
  }

  @Override
  public void onChange(Consumer<Optional<String>> listener) {
    watch.onChange(listener);
  }

  @Override
  public void close() {
    watch.close();
    if (ownedClient != null) {
      ownedClient.close();
    }
  }
}

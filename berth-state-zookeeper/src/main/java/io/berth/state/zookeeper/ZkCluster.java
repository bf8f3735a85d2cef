package io.berth.state.zookeeper;

import io.berth.state.election.LeaderDetector;
import io.berth.state.election.LeaderElection;
import io.berth.state.store.StateStore;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;

/**
 * One connection to the ZooKeeper that holds a cluster's state, and what Berth builds on it: the state store, the
 * leader election and the leader detector. The node wiring uses this so that only this module knows Curator.
 */
public final class ZkCluster implements AutoCloseable {
  private final ZkConfig config;
  private final CuratorFramework client;

  private ZkCluster(ZkConfig config, CuratorFramework client) {
    this.config = config;
    this.client = client;
  }

  /**
   * Connects to {@code url} ({@code zk://host:port,.../path}) and waits up to {@code timeout} for the connection.
   *
   * @throws io.berth.common.error.BerthException INVALID for a malformed URL, UNAVAILABLE when unreachable
   */
  public static ZkCluster connect(String url, Duration timeout) {
    ZkConfig config = ZkConfig.parse(url);
    CuratorFramework client = ZkConnection.start(config);
    try {
      ZkConnection.awaitConnected(client, timeout);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    return new ZkCluster(config, client);
  }

  public String url() {
    return config.url();
  }

  public StateStore store() {
    return new ZkStateStore(client, config.root());
  }

  /** Joins nothing yet: call {@link LeaderElection#start} to take part. */
  public LeaderElection election(String participantId) {
    return new ZkLeaderElection(client, config.root(), participantId);
  }

  public LeaderDetector detector() {
    return new ZkLeaderDetector(client, config.root());
  }

  @Override
  public void close() {
    client.close();
  }
}

package io.berth.state.zookeeper;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.retry.ExponentialBackoffRetry;

/**
 * Builds the Curator clients Berth uses. Connection state handling follows the design ("on SUSPENDED stop
 * writing, on LOST step down"): the client uses {@link SessionConnectionStateErrorPolicy}, so Curator recipes
 * only treat a lost session as fatal, and {@link ZkLeaderElection} itself revokes leadership on SUSPENDED.
 */
public final class ZkConnection {
  private static final int RETRY_BASE_SLEEP_MS = 250;
  private static final int RETRY_MAX_SLEEP_MS = 2000;

  private ZkConnection() {}

  /** A started client for {@code url} ({@code zk://host:port,.../path}) with default timeouts. */
  public static CuratorFramework start(String url) {
    return start(ZkConfig.parse(url));
  }

  /**
   * A started (not necessarily yet connected) client for {@code config}. Operations wait for a connection up to
   * the connection timeout and retry {@code maxRetries} times; the caller closes the client.
   */
  public static CuratorFramework start(ZkConfig config) {
    CuratorFramework client = CuratorFrameworkFactory.builder()
        .connectString(config.connectString())
        .sessionTimeoutMs(Math.toIntExact(config.sessionTimeout().toMillis()))
        .connectionTimeoutMs(Math.toIntExact(config.connectionTimeout().toMillis()))
        .retryPolicy(new ExponentialBackoffRetry(RETRY_BASE_SLEEP_MS, config.maxRetries(), RETRY_MAX_SLEEP_MS))
        .connectionStateErrorPolicy(new SessionConnectionStateErrorPolicy())
        .build();
    client.start();
    return client;
  }

  /** Waits until {@code client} is connected; throws {@link BerthException} UNAVAILABLE after {@code timeout}. */
  public static void awaitConnected(CuratorFramework client, Duration timeout) {
    try {
      if (!client.blockUntilConnected(Math.toIntExact(timeout.toMillis()), TimeUnit.MILLISECONDS)) {
        throw new BerthException(ErrorCode.UNAVAILABLE, "ZooKeeper at " + connectString(client)
            + " not reachable within " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BerthException(ErrorCode.UNAVAILABLE, "interrupted while connecting to ZooKeeper", e);
    }
  }

  private static String connectString(CuratorFramework client) {
    return client.getZookeeperClient().getCurrentConnectionString();
  }
}

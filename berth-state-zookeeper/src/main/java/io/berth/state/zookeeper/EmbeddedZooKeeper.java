package io.berth.state.zookeeper;

import io.berth.common.time.SystemTime;
import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.server.ContainerManager;
import org.apache.zookeeper.server.DatadirCleanupManager;
import org.apache.zookeeper.server.NIOServerCnxnFactory;
import org.apache.zookeeper.server.RequestProcessor;
import org.apache.zookeeper.server.SyncRequestProcessor;
import org.apache.zookeeper.server.ZKDatabase;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.persistence.FilePadding;
import org.apache.zookeeper.server.persistence.FileTxnSnapLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone ZooKeeper server inside this JVM, for single-master clusters and tests. Snapshots go to
 * {@code directory/data}, transaction logs to {@code directory/datalog}; starting again on the same directory
 * keeps every znode. Old snapshots and logs are purged (the newest {@code snapRetainCount} are kept), the admin
 * server is off, and of the four-letter words only {@code srvr} answers (ZooKeeper always allows it).
 *
 * <p>Note: ZooKeeper keeps some settings JVM-wide (snapshot frequency, log preallocation), so run one embedded
 * server per JVM.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedZooKeeper.class);
  /** Transactions between ZooKeeper snapshots (ZooKeeper's default is 100 000). */
  private static final int SNAP_COUNT = 10_000;
  /** Transaction log bytes between ZooKeeper snapshots (ZooKeeper's default is 4 GB). */
  private static final long SNAP_SIZE_BYTES = 256L * 1024 * 1024;
  private static final long PREALLOC_BYTES = 16L * 1024 * 1024;
  private static final int CONTAINER_CHECK_INTERVAL_MS = 60_000;
  /** Client connections in all (per client host: {@link Settings#maxClientCnxnsPerHost}). */
  private static final int MAX_CONNECTIONS = 5_000;

  private final Settings settings;
  private final FileTxnSnapLog snapLog;
  private final NIOServerCnxnFactory connections;
  private final DatadirCleanupManager purger;
  private final ContainerManager containers;

  /**
   * How to run the server. {@code port} 0 picks a free port. Sessions may last from {@code 2 * tickTimeMs} to
   * {@code 60 s}; purging runs every {@code purgeIntervalHours} (0 = never).
   */
  public record Settings(Path directory, String host, int port, int maxClientCnxnsPerHost, int tickTimeMs,
      int snapRetainCount, int purgeIntervalHours) {
    public static Settings of(Path directory, String host, int port) {
      return new Settings(directory, host, port, 100, 500, 3, 1);
    }
  }

  private EmbeddedZooKeeper(Settings settings) throws IOException, InterruptedException {
    this.settings = settings;
    Path data = Files.createDirectories(settings.directory().resolve("data"));
    Path dataLog = Files.createDirectories(settings.directory().resolve("datalog"));
    snapLog = new FileTxnSnapLog(dataLog.toFile(), data.toFile());
    Server server = new Server(snapLog, settings.tickTimeMs());
    connections = new NIOServerCnxnFactory();
    try {
      connections.configure(new InetSocketAddress(settings.host(), settings.port()),
          settings.maxClientCnxnsPerHost(), -1, false);
      connections.startup(server);
    } catch (Throwable e) { // also Errors: a missing class must fail the start, not leave half a server running
      connections.shutdown();
      snapLog.close();
      throw e;
    }
    containers = new ContainerManager(server.getZKDatabase(), server.firstProcessor(), CONTAINER_CHECK_INTERVAL_MS,
        10_000, 0);
    containers.start();
    purger = new DatadirCleanupManager(data.toFile(), dataLog.toFile(), settings.snapRetainCount(),
        settings.purgeIntervalHours());
    purger.start();
  }

  /** Starts a server with default settings on {@code host:port} (port 0: any free port), data under {@code dir}. */
  public static EmbeddedZooKeeper start(Path directory, String host, int port) {
    return start(Settings.of(directory, host, port));
  }

  public static EmbeddedZooKeeper start(Settings settings) {
    configureJvmWideSettings();
    long started = SystemTime.ticker().nanos();
    try {
      EmbeddedZooKeeper zk = new EmbeddedZooKeeper(settings);
      log.info("embedded ZooKeeper serving {} from {} (started in {} ms)", zk.connectString(), settings.directory(),
          TimeUnit.NANOSECONDS.toMillis(SystemTime.ticker().nanos() - started));
      return zk;
    } catch (IOException e) {
      throw new BerthException(ErrorCode.UNAVAILABLE, "cannot start embedded ZooKeeper on " + settings.host() + ":"
          + settings.port() + " with data in " + settings.directory() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BerthException(ErrorCode.UNAVAILABLE, "interrupted while starting embedded ZooKeeper", e);
    }
  }

  private static synchronized void configureJvmWideSettings() {
    setIfAbsent("zookeeper.admin.enableServer", "false");
    setIfAbsent("zookeeper.4lw.commands.whitelist", "srvr");
    setIfAbsent("zookeeper.maxCnxns", String.valueOf(MAX_CONNECTIONS));
    SyncRequestProcessor.setSnapCount(SNAP_COUNT);
    SyncRequestProcessor.setSnapSizeInBytes(SNAP_SIZE_BYTES);
    FilePadding.setPreallocSize(PREALLOC_BYTES);
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  /** The port the server listens on (the one picked, if 0 was asked for). */
  public int port() {
    return connections.getLocalPort();
  }

  /** {@code host:port} for ZooKeeper clients. */
  public String connectString() {
    String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
    return host + ":" + port();
  }

  public Path directory() {
    return settings.directory();
  }

  /** Stops serving, closing all client connections; the data stays on disk. */
  @Override
  public void close() {
    int port = port();
    purger.shutdown();
    containers.stop();
    connections.shutdown(); // also shuts the ZooKeeperServer down
    try {
      connections.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      snapLog.close();
    } catch (IOException e) {
      log.warn("closing ZooKeeper's transaction log failed", e);
    }
    log.info("embedded ZooKeeper on port {} stopped", port);
  }

  /** A server whose first request processor is reachable, for the container manager. */
  private static final class Server extends ZooKeeperServer {
    Server(FileTxnSnapLog snapLog, int tickTimeMs) {
      super(snapLog, tickTimeMs, 2 * tickTimeMs, 60_000, -1, new ZKDatabase(snapLog), "", false);
    }

    RequestProcessor firstProcessor() {
      return firstProcessor;
    }
  }
}

package io.berth.node.config;

import io.berth.master.MasterConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Configuration of {@code berth master} (YAML section {@code master:}, env {@code BERTH_MASTER_*}).
 *
 * @param ip address to listen on and advertise (default 127.0.0.1)
 * @param hostname name to advertise (default: the ip)
 * @param port master API (default 5050)
 * @param workDir state of this master (default /var/lib/berth/master)
 * @param zk {@code zk://host:port,.../path} of an existing ZooKeeper ensemble; empty = run one embedded
 * @param zkPort client port of the embedded ZooKeeper (default 2181)
 * @param zkDir data of the embedded ZooKeeper (default workDir/../zk)
 * @param agentUnreachableTimeout default 15s
 * @param agentRemovalTimeout default 10m
 * @param offerTimeout default 10s
 * @param heapHint informational: the JVM heap the launcher gives this role
 */
public record MasterNodeConfig(
    String ip,
    String hostname,
    int port,
    Path workDir,
    String zk,
    int zkPort,
    Path zkDir,
    Duration agentUnreachableTimeout,
    Duration agentRemovalTimeout,
    Duration offerTimeout,
    String heapHint) {

  public static MasterNodeConfig defaults() {
    return new MasterNodeConfig("127.0.0.1", null, 5050, Path.of("/var/lib/berth/master"), null, 2181, null,
        Duration.ofSeconds(15), Duration.ofMinutes(10), Duration.ofSeconds(10), "256m");
  }

  public Path zkDirOrDefault() {
    return zkDir != null ? zkDir : workDir.toAbsolutePath().getParent().resolve("zk");
  }

  /** The ZooKeeper URL the master uses: the configured ensemble, or the embedded server. */
  public String zkUrl() {
    return zk != null && !zk.isBlank() ? zk : "zk://" + ip + ":" + zkPort + "/berth";
  }

  public boolean embeddedZk() {
    return zk == null || zk.isBlank();
  }

  public MasterConfig toMasterConfig() {
    MasterConfig d = MasterConfig.defaults(ip, port);
    return new MasterConfig(hostname == null ? ip : hostname, ip, port, agentUnreachableTimeout, agentRemovalTimeout,
        offerTimeout, d.allocationInterval(), d.frameworkHeartbeatInterval(), d.updateResendInterval(),
        d.agentHeartbeatInterval());
  }
}

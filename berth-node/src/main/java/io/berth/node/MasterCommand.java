package io.berth.node;

import io.berth.common.id.IdGenerator;
import io.berth.common.time.SystemTime;
import io.berth.dns.DnsModule;
import io.berth.dns.records.MasterAddresses;
import io.berth.marathon.MarathonConfig;
import io.berth.marathon.MarathonService;
import io.berth.gateway.MasterGateway;
import io.berth.logs.api.LogsApi;
import io.berth.logs.journal.NodeJournal;
import io.berth.master.MasterModule;
import io.berth.master.launcher.LauncherApi;
import io.berth.master.launcher.TaskLauncher;
import io.berth.metronome.MetronomeConfig;
import io.berth.metronome.MetronomeModule;
import io.berth.node.config.ConfigLoader;
import io.berth.node.config.MasterNodeConfig;
import io.berth.state.zookeeper.EmbeddedZooKeeper;
import io.berth.state.zookeeper.ZkCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth master}: a master node (embedded ZooKeeper unless {@code --zk} names an ensemble). */
@Command(name = "master", mixinStandardHelpOptions = true,
    description = "Run a master: state in ZooKeeper, leader election, agents, offers, operator API.")
final class MasterCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(MasterCommand.class);

  @Option(names = "--config", description = "YAML file with a 'master:' section.")
  Path configFile;

  @Option(names = "--ip", description = "Address to listen on and advertise (default 127.0.0.1).")
  String ip;

  @Option(names = "--hostname", description = "Name to advertise (default: the ip).")
  String hostname;

  @Option(names = "--port", description = "Master API port (default 5050).")
  Integer port;

  @Option(names = "--work-dir", description = "Work directory (default /var/lib/berth/master).")
  Path workDir;

  @Option(names = "--zk", description = "zk://host:port,.../path of an existing ZooKeeper ensemble (default: embedded).")
  String zk;

  @Option(names = "--zk-port", description = "Port of the embedded ZooKeeper (default 2181).")
  Integer zkPort;

  @Option(names = "--zk-dir", description = "Data directory of the embedded ZooKeeper (default: <work-dir>/../zk).")
  Path zkDir;

  @Option(names = "--agent-unreachable-timeout", description = "e.g. 15s")
  String agentUnreachableTimeout;

  @Option(names = "--agent-removal-timeout", description = "e.g. 10m")
  String agentRemovalTimeout;

  @Option(names = "--offer-timeout", description = "e.g. 10s")
  String offerTimeout;

  @Option(names = "--dns-port", description = "DNS server port, UDP and TCP (default 53; negative: no DNS).")
  Integer dnsPort;

  @Option(names = "--dns-http-port", description = "Mesos-DNS HTTP API port (default 8123; negative: off).")
  Integer dnsHttpPort;

  @Option(names = "--dns-resolvers", description = "Upstream resolvers ip[:port],... (default: /etc/resolv.conf; none: no forwarding).")
  String dnsResolvers;

  @Option(names = "--gateway-port", description = "Gateway (Admin Router) HTTP port (default 80; negative: no gateway).")
  Integer gatewayPort;

  @Option(names = "--gateway-tls-port", description = "Gateway HTTPS port (default 443; negative: no HTTPS).")
  Integer gatewayTlsPort;

  @Option(names = "--insecure-dev", description = "Turn authentication OFF: every caller is a superuser. Development only.")
  Boolean insecureDev;

  @Option(names = "--admin-credentials", description = "Bootstrap superuser's credentials file (default <work-dir>/../admin-credentials).")
  Path adminCredentials;

  @Option(names = "--agent-gateway-port", description = "Port of the agents' gateways (default 61001; negative: none).")
  Integer agentGatewayPort;

  @Option(names = "--internal-auth", description = "Require tokens on the master API; agents log in with --agent-credentials.")
  Boolean internalAuth;

  @Option(names = "--agent-credentials", description = "The agents' service account secret (default <work-dir>/../agent-credentials).")
  Path agentCredentials;

  @Override
  public Integer call() throws Exception {
    MasterNodeConfig config = ConfigLoader.load(MasterNodeConfig.class, MasterNodeConfig.defaults(), "master", configFile,
        System.getenv(), new Flags().put("ip", ip).put("hostname", hostname).put("port", port).put("workDir", workDir)
            .put("zk", zk).put("zkPort", zkPort).put("zkDir", zkDir).put("agentUnreachableTimeout", agentUnreachableTimeout)
            .put("agentRemovalTimeout", agentRemovalTimeout).put("offerTimeout", offerTimeout).put("dnsPort", dnsPort)
            .put("dnsHttpPort", dnsHttpPort).put("dnsResolvers", dnsResolvers)
            .put("gatewayPort", gatewayPort).put("gatewayTlsPort", gatewayTlsPort).put("insecureDev", insecureDev)
            .put("adminCredentials", adminCredentials).put("agentGatewayPort", agentGatewayPort)
            .put("internalAuth", internalAuth).put("agentCredentials", agentCredentials).values());
    Files.createDirectories(config.workDir());
    NodeJournal journal = NodeJournal.install(config.workDir().resolve("journal"), "berth-master",
        config.toMasterConfig().hostname(), NodeJournal.Limits.defaults(), SystemTime.ticker());
    EmbeddedZooKeeper embedded = config.embeddedZk()
        ? EmbeddedZooKeeper.start(config.zkDirOrDefault(), config.ip(), config.zkPort()) : null;
    ZkCluster zkCluster = ZkCluster.connect(config.zkUrl(), Duration.ofSeconds(30));
    IdGenerator ids = IdGenerator.random();
    MasterModule master = new MasterModule(config.toMasterConfig(), zkCluster.store(),
        zkCluster.election(config.toMasterConfig().url()), SystemTime.wallClock(), SystemTime.ticker(), ids);
    master.withRoutes(leadership -> LogsApi.master(journal.reader(), master.publisher()::current));
    TaskLauncher launcher = new TaskLauncher(master.publisher(), ids, Duration.ofSeconds(20));
    master.withLeaderService(launcher)
        .withRoutes(leadership -> new LauncherApi(launcher, master.publisher(), leadership).routes());
    MetronomeModule metronome = new MetronomeModule(master.publisher(), SystemTime.wallClock(), SystemTime.ticker(), ids,
        MetronomeConfig.defaults());
    master.withLeaderService(metronome.leaderService()).withRoutes(metronome::routes);
    MarathonService marathon = new MarathonService(MarathonConfig.defaults(config.toMasterConfig().hostname()),
        master.publisher(), SystemTime.wallClock(), ids, master::leaderUrl).abdicateWith(master::abdicate);
    master.withLeaderService(new io.berth.master.LeaderService() {
      @Override
      public void start(io.berth.master.LeaderContext context) {
        marathon.start(context.scheduler(), context.state());
      }

      @Override
      public void stop() {
        marathon.stop();
      }
    }).withRoutes(leadership -> marathon.routes());
    DnsModule dns = config.dnsPort() < 0 ? null : DnsModule.startOrWarn(
        config.toDnsConfig(DnsModule.hostResolvers(config.ip(), config.dnsPort())), master.publisher(),
        () -> MasterAddresses.of(master.leaderUrl(), config.ip(), config.port(), config.ip()), config.ip(),
        config.dnsPort(), config.dnsHttpPort(), SystemTime.wallClock(), SystemTime.ticker());
    MasterGateway gateway = config.gatewayPort() < 0 ? null : GatewayWiring.master(config, master, ids);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("stopping the master");
      if (dns != null) {
        dns.close();
      }
      if (gateway != null) {
        gateway.close();
      }
      master.close();
      zkCluster.close();
      if (embedded != null) {
        embedded.close();
      }
      stopped.countDown();
    }, "master-stop"));
    master.start();
    if (gateway != null) {
      gateway.start();
    }
    log.info("master running at {} (ZooKeeper {})", master.url(), config.zkUrl());
    stopped.await();
    return 0;
  }
}

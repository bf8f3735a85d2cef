package io.berth.node;

import io.berth.agent.AgentConfig;
import io.berth.agent.AgentModule;
import io.berth.agent.runtime.ContainerRuntime;
import io.berth.agent.runtime.ProcessRuntime;
import io.berth.agent.runc.RuncConfig;
import io.berth.agent.runc.RuncRuntime;
import io.berth.api.cluster.FaultDomain;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.common.error.BerthException;
import io.berth.common.id.IdGenerator;
import io.berth.common.time.SystemTime;
import io.berth.dns.NodeForwarder;
import io.berth.logs.api.LogsApi;
import io.berth.logs.journal.NodeJournal;
import io.berth.node.config.AgentNodeConfig;
import io.berth.node.config.ConfigLoader;
import io.berth.state.election.LeaderDetector;
import io.berth.state.zookeeper.ZkCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth agent}: a worker node that runs tasks in containers. */
@Command(name = "agent", mixinStandardHelpOptions = true,
    description = "Run an agent: registers with the leading master and runs tasks (runc containers by default).")
final class AgentCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(AgentCommand.class);

  @Option(names = "--config", description = "YAML file with an 'agent:' section.")
  Path configFile;

  @Option(names = "--master", description = "zk://host:2181/berth (default) or http://master:5050.")
  String master;

  @Option(names = "--ip", description = "Address to listen on; tasks see it as HOST (default 127.0.0.1).")
  String ip;

  @Option(names = "--hostname", description = "Name to advertise (default: the ip).")
  String hostname;

  @Option(names = "--port", description = "Agent API port (default 5051).")
  Integer port;

  @Option(names = "--work-dir", description = "Work directory (default /var/lib/berth/agent).")
  Path workDir;

  @Option(names = "--cpus", description = "Cores to offer (default: detected).")
  Double cpus;

  @Option(names = "--mem", description = "MiB to offer (default: detected).")
  Double mem;

  @Option(names = "--disk", description = "MiB of disk to offer (default: detected).")
  Double disk;

  @Option(names = "--ports", description = "Host ports for tasks (default [31000-32000]).")
  String ports;

  @Option(names = "--attributes", description = "Attributes, e.g. rack:r1;zone:a", split = ";")
  String[] attributes;

  @Option(names = "--runtime", description = "runc (default) or process (plain processes: NO isolation).")
  String runtime;

  @Option(names = "--hide", description = "A host path containers must not see (repeatable); the work dir is always hidden.")
  java.util.List<Path> hide;

  @Option(names = "--kill-tasks-on-shutdown", description = "Stop all tasks when the agent stops (berth up does).")
  Boolean killTasksOnShutdown;

  @Option(names = "--dns-port", description = "Port of the node-local DNS forwarder on --ip (default 53; negative: off).")
  Integer dnsPort;

  @Option(names = "--dns-master-port", description = "DNS port of the masters (default 53; berth up: 8053).")
  Integer dnsMasterPort;

  @Option(names = "--gateway-port", description = "The agent's gateway (Admin Router) port on --ip (default 61001; negative: none).")
  Integer gatewayPort;

  @Option(names = "--insecure-dev", description = "No authentication on the agent's gateway. Development only.")
  Boolean insecureDev;

  @Option(names = "--internal-auth", description = "Require tokens on the agent API and log in to the masters with --credentials.")
  Boolean internalAuth;

  @Option(names = "--credentials", description = "The agent's service account secret file (uid, private_key, login_endpoint).")
  Path credentials;

  @Override
  public Integer call() throws Exception {
    Map<String, String> attrs = null;
    if (attributes != null) {
      attrs = new LinkedHashMap<>();
      for (String a : attributes) {
        String[] kv = a.split(":", 2);
        if (kv.length != 2 || kv[0].isBlank()) {
          throw BerthException.invalid("Attribute '" + a + "' must be name:value");
        }
        attrs.put(kv[0].strip(), kv[1].strip());
      }
    }
    AgentNodeConfig config = ConfigLoader.load(AgentNodeConfig.class, AgentNodeConfig.defaults(), "agent", configFile,
        System.getenv(), new Flags().put("master", master).put("ip", ip).put("hostname", hostname).put("port", port)
            .put("workDir", workDir).put("cpus", cpus).put("mem", mem).put("disk", disk).put("ports", ports)
            .put("attributes", attrs).put("runtime", runtime).put("killTasksOnShutdown", killTasksOnShutdown)
            .put("hiddenPaths", hide == null ? null : hide.stream().map(Path::toString).toList())
            .put("dnsPort", dnsPort).put("dnsMasterPort", dnsMasterPort).put("gatewayPort", gatewayPort)
            .put("insecureDev", insecureDev).put("internalAuth", internalAuth).put("credentials", credentials).values());
    Files.createDirectories(config.workDir());
    NodeJournal journal = NodeJournal.install(config.workDir().resolve("journal"), "berth-agent",
        config.hostname() != null ? config.hostname() : config.ip(), NodeJournal.Limits.defaults(), SystemTime.ticker());
    ContainerRuntime containers = runtime(config);
    AgentConfig agentConfig = agentConfig(config);
    ZkCluster zk = config.master().startsWith("zk://") ? ZkCluster.connect(config.master(), Duration.ofSeconds(30)) : null;
    LeaderDetector leaders = zk != null ? zk.detector() : LeaderDetector.fixed(config.master());
    Optional<NodeForwarder> dns = NodeForwarder.startForAgent(config.ip(), config.dnsPort(), config.dnsMasterPort(),
        config.dnsResolvers(), leaders::leader, resolvConf(config), SystemTime.ticker());
    AgentModule agent = new AgentModule(agentConfig, containers, leaders, SystemTime.wallClock(), IdGenerator.random());
    agent.withRoutes(LogsApi.agent(journal.reader(), agent::url, agent::agentId));
    GatewayWiring.AgentSide gateway = GatewayWiring.agent(config, agent, leaders);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (config.killTasksOnShutdown()) {
        log.info("stopping all tasks before the agent stops");
        agent.stopAllTasks(Duration.ofSeconds(45));
      }
      gateway.close();
      agent.close();
      dns.ifPresent(NodeForwarder::close);
      leaders.close();
      if (zk != null) {
        zk.close();
      }
      containers.close();
      stopped.countDown();
    }, "agent-stop"));
    agent.start();
    gateway.start();
    log.info("agent running at {} with runtime {}, masters at {}", agent.url(), containers.name(), config.master());
    stopped.await();
    return 0;
  }

  private static ContainerRuntime runtime(AgentNodeConfig config) {
    Path containers = config.workDir().resolve("containers");
    return switch (config.runtime()) {
      case "runc" -> {
        java.util.List<Path> hidden = new java.util.ArrayList<>(config.hiddenPaths());
        hidden.add(config.workDir().toAbsolutePath());
        yield new RuncRuntime(RuncConfig.defaults(containers).withHiddenPaths(hidden).withResolvConf(resolvConf(config)));
      }
      case "process" -> {
        log.warn("runtime 'process': tasks run as plain processes of this machine, WITHOUT any isolation or limits");
        yield new ProcessRuntime(containers);
      }
      default -> throw BerthException.invalid("Unknown runtime '" + config.runtime() + "': use runc or process");
    };
  }

  /** The containers' resolv.conf, written by the DNS forwarder while it runs. */
  private static Path resolvConf(AgentNodeConfig config) {
    return config.workDir().toAbsolutePath().resolve("dns").resolve("resolv.conf");
  }

  private static AgentConfig agentConfig(AgentNodeConfig c) {
    AgentConfig config = AgentConfig.defaults(c.workDir()).withIp(c.ip()).withPort(c.port());
    if (c.hostname() != null) {
      config = config.withHostname(c.hostname());
    }
    Resources detected = config.resources();
    config = config.withResources(new Resources(c.cpus() != null ? c.cpus() : detected.cpus(),
        c.mem() != null ? c.mem() : detected.mem(), c.disk() != null ? c.disk() : detected.disk(), 0,
        PortRanges.parse(c.ports())));
    config = config.withAttributes(c.attributes());
    if (c.region() != null || c.zone() != null) {
      config = config.withDomain(new FaultDomain(c.region(), c.zone()));
    }
    return config;
  }
}

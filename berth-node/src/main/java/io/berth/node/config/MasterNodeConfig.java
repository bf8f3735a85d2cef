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
 * @param dnsPort DNS server (UDP and TCP) on {@code ip}; default 53, {@code berth up} 8053; negative turns DNS off
 * @param dnsHttpPort Mesos-DNS HTTP API on {@code ip}; default 8123; negative turns it off
 * @param dnsDomain the Mesos-DNS zone (default {@code mesos})
 * @param dnsResolvers upstream resolvers for other names, {@code ip[:port]} comma-separated, tried in order;
 *     empty (default): the nameservers of {@code /etc/resolv.conf}; {@code none}: no forwarding (REFUSED)
 * @param dnsTtl TTL of {@code .mesos} records in seconds (default 60)
 * @param dnsIpSources task address sources in order (default {@code host,netinfo}, as DC/OS)
 * @param gatewayPort the gateway's (Admin Router's) HTTP port on {@code ip} (default 80; {@code berth up}: 8800; negative: no gateway)
 * @param gatewayTlsPort its HTTPS port, with a certificate from the cluster CA (default 443; {@code berth up}: 8443; negative: none)
 * @param insecureDev turn authentication off: every caller is a superuser (default false; development only)
 * @param adminCredentials the bootstrap superuser's credentials file, made with a random password when a new
 *     cluster starts without one (default {@code workDir/../admin-credentials}, mode 0600)
 * @param agentGatewayPort where the agents' gateways listen (default 61001; negative: {@code /agent/<id>/...} goes
 *     straight to the agent's API)
 * @param internalAuth require a token of the cluster on the master API (login and keys excepted), and send the
 *     master's own token to agents (default false, until every component calls the internal APIs with credentials)
 * @param agentCredentials the agents' service account secret (DC/OS format), made when missing; its account is created
 *     at bootstrap (default {@code workDir/../agent-credentials}, mode 0600)
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
    String heapHint,
    int dnsPort,
    int dnsHttpPort,
    String dnsDomain,
    String dnsResolvers,
    int dnsTtl,
    String dnsIpSources,
    int gatewayPort,
    int gatewayTlsPort,
    boolean insecureDev,
    Path adminCredentials,
    int agentGatewayPort,
    boolean internalAuth,
    Path agentCredentials) {

  public static MasterNodeConfig defaults() {
    return new MasterNodeConfig("127.0.0.1", null, 5050, Path.of("/var/lib/berth/master"), null, 2181, null,
        Duration.ofSeconds(15), Duration.ofMinutes(10), Duration.ofSeconds(10), "256m", 53, 8123, "mesos", null, 60,
        "host,netinfo", 80, 443, false, null, 61001, false, null);
  }

  /** Where the bootstrap superuser's credentials are kept. */
  public Path adminCredentialsOrDefault() {
    return adminCredentials != null ? adminCredentials : workDir.toAbsolutePath().getParent().resolve("admin-credentials");
  }

  /** Where the agents' service account secret is kept. */
  public Path agentCredentialsOrDefault() {
    return agentCredentials != null ? agentCredentials : workDir.toAbsolutePath().getParent().resolve("agent-credentials");
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

  /** The DNS settings; {@code hostResolvers} are used when {@code dnsResolvers} is empty. */
  public io.berth.dns.DnsConfig toDnsConfig(java.util.List<String> hostResolvers) {
    java.util.List<String> upstreams = dnsResolvers == null || dnsResolvers.isBlank() ? hostResolvers
        : dnsResolvers.strip().equals("none") ? java.util.List.of() : io.berth.dns.DnsConfig.parseResolvers(dnsResolvers);
    return io.berth.dns.DnsConfig.defaults(upstreams).withDomain(dnsDomain).withTtl(dnsTtl)
        .withIpSources(io.berth.dns.IpSource.parseList(dnsIpSources));
  }

  public MasterConfig toMasterConfig() {
    MasterConfig d = MasterConfig.defaults(ip, port);
    return new MasterConfig(hostname == null ? ip : hostname, ip, port, agentUnreachableTimeout, agentRemovalTimeout,
        offerTimeout, d.allocationInterval(), d.frameworkHeartbeatInterval(), d.updateResendInterval(),
        d.agentHeartbeatInterval());
  }
}

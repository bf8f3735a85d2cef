package io.berth.node.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Configuration of {@code berth agent} (YAML section {@code agent:}, env {@code BERTH_AGENT_*}).
 *
 * @param master where the masters are: {@code zk://host:2181/berth} (leader found in ZooKeeper) or the URL of a
 *     single master {@code http://host:5050}
 * @param ip address to listen on; tasks see it as {@code HOST} (default 127.0.0.1)
 * @param hostname name to advertise (default: the ip)
 * @param port agent API (default 5051)
 * @param workDir checkpoint, sandboxes and containers (default /var/lib/berth/agent)
 * @param cpus cores to offer (default: detected)
 * @param mem MiB to offer (default: detected, minus a reservation)
 * @param disk MiB to offer (default: detected from the work dir's file system)
 * @param ports host ports for tasks, Mesos range syntax (default {@code [31000-32000]})
 * @param attributes Mesos attributes offered with the resources
 * @param region fault domain region (optional)
 * @param zone fault domain zone (optional)
 * @param runtime {@code runc} (default: isolated containers) or {@code process} (plain processes, NO isolation)
 * @param killTasksOnShutdown stop every task when the agent stops (used by {@code berth up}); by default tasks keep
 *     running and the agent re-attaches to them when it starts again
 * @param hiddenPaths host paths that containers must not see, besides the agent's work dir, which is always hidden
 *     ({@code berth up} hides its whole cluster directory)
 * @param dnsPort the node-local DNS forwarder on {@code ip} (default 53, the only port a {@code resolv.conf} can name;
 *     containers then resolve through it); negative turns it off
 * @param dnsMasterPort port of the masters' DNS servers, where the cluster zones are forwarded (default 53;
 *     {@code berth up}: 8053)
 * @param dnsResolvers upstream resolvers for other names, {@code ip[:port]} comma-separated; empty (default): the
 *     nameservers of {@code /etc/resolv.conf}; {@code none}: no forwarding
 * @param gatewayPort the agent's gateway (Admin Router) on {@code ip} (default 61001; negative: none)
 * @param insecureDev no authentication on the agent's gateway (default false; development only)
 * @param internalAuth require a token of the cluster on the agent API, and send the agent's service account token to
 *     the masters (default false, until every component calls the internal APIs with credentials)
 * @param credentials the agent's service account secret (DC/OS format: {@code uid}, {@code private_key},
 *     {@code login_endpoint}), used when {@code internalAuth} is on
 */
public record AgentNodeConfig(
    String master,
    String ip,
    String hostname,
    int port,
    Path workDir,
    Double cpus,
    Double mem,
    Double disk,
    String ports,
    Map<String, String> attributes,
    String region,
    String zone,
    String runtime,
    boolean killTasksOnShutdown,
    java.util.List<Path> hiddenPaths,
    int dnsPort,
    int dnsMasterPort,
    String dnsResolvers,
    int gatewayPort,
    boolean insecureDev,
    boolean internalAuth,
    Path credentials) {

  public AgentNodeConfig {
    hiddenPaths = hiddenPaths == null ? java.util.List.of() : java.util.List.copyOf(hiddenPaths);
  }

  public static AgentNodeConfig defaults() {
    return new AgentNodeConfig("zk://127.0.0.1:2181/berth", "127.0.0.1", null, 5051, Path.of("/var/lib/berth/agent"),
        null, null, null, "[31000-32000]", Map.of(), null, null, "runc", false, java.util.List.of(), 53, 53, null,
        61001, false, false, null);
  }
}

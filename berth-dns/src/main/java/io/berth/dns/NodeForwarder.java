package io.berth.dns;

import io.berth.common.time.Ticker;
import io.berth.dns.records.MasterAddresses;
import io.berth.dns.records.RecordSet;
import io.berth.dns.server.DnsServer;
import io.berth.dns.server.Forwarder;
import io.berth.dns.server.QueryHandler;
import io.berth.dns.server.Upstreams;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node-local DNS forwarder of an agent (dcos-dns' part on agents): the cluster zones ({@code <domain>.},
 * {@code thisdcos.directory.}, {@code thisdcos.global.}) go to the leading master's DNS server, everything else to the
 * node's upstream resolvers; answers are cached per TTL. Containers get a {@code resolv.conf} that points at it
 * ({@link #resolvConf}).
 */
public final class NodeForwarder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeForwarder.class);

  private final Forwarder forwarder;
  private final DnsServer server;

  private NodeForwarder(Forwarder forwarder, DnsServer server) {
    this.forwarder = forwarder;
    this.server = server;
  }

  /**
   * @param clusterDns the masters' DNS servers, asked in order (usually the leader's), re-read for every question
   * @param upstreams the node's resolvers for every other name
   */
  public static NodeForwarder start(String domain, Supplier<List<InetSocketAddress>> clusterDns,
      List<InetSocketAddress> upstreams, String host, int port, Duration timeout, Ticker ticker) {
    DnsConfig config = DnsConfig.defaults(List.of()).withDomain(domain);
    Map<String, Supplier<List<InetSocketAddress>>> zones = new LinkedHashMap<>();
    zones.put(config.zone(), clusterDns);
    zones.put(DnsConfig.DCOS_ZONE, clusterDns);
    zones.put("thisdcos.global.", clusterDns);
    Forwarder forwarder = new Forwarder(new Upstreams(zones, upstreams), timeout, ticker);
    try {
      DnsServer server = DnsServer.start(host, port, new QueryHandler(config, () -> RecordSet.EMPTY, false, forwarder), 2);
      log.info("DNS forwarder on {}: {} and {} to the masters, the rest to {}", server.address(), config.zone(),
          DnsConfig.DCOS_ZONE, upstreams);
      return new NodeForwarder(forwarder, server);
    } catch (RuntimeException e) {
      forwarder.close();
      throw e;
    }
  }

  /**
   * Starts the forwarder of an agent on {@code ip:port} and writes the containers' {@code resolv.conf} pointing at it;
   * when it cannot listen (port 53 taken, no right to it) the agent runs without it: the error is logged and no
   * {@code resolv.conf} is left, so containers keep the host's.
   *
   * @param resolvers {@code ip[:port],...}; blank: the host's {@code /etc/resolv.conf}; {@code none}: no forwarding
   * @param leaderUrl the leading master's URL; its host at {@code masterDnsPort} answers the cluster zones
   */
  public static Optional<NodeForwarder> startForAgent(String ip, int port, int masterDnsPort, String resolvers,
      Supplier<Optional<String>> leaderUrl, Path resolvConf, Ticker ticker) {
    try {
      Files.deleteIfExists(resolvConf);
      if (port < 0) {
        return Optional.empty();
      }
      HostResolvers host = hostResolvers(Path.of("/etc/resolv.conf"), new InetSocketAddress(ip, port));
      List<InetSocketAddress> upstreams = resolvers == null || resolvers.isBlank() ? host.nameservers()
          : resolvers.strip().equals("none") ? List.of() : Upstreams.parseAll(DnsConfig.parseResolvers(resolvers));
      Supplier<List<InetSocketAddress>> masters = () -> leaderUrl.get().flatMap(MasterAddresses::endpoint)
          .map(e -> List.of(new InetSocketAddress(e.ip(), masterDnsPort))).orElse(List.of());
      NodeForwarder forwarder = start("mesos", masters, upstreams, ip, port, Duration.ofSeconds(2), ticker);
      Files.createDirectories(resolvConf.getParent());
      Path tmp = resolvConf.resolveSibling(resolvConf.getFileName() + ".tmp");
      Files.writeString(tmp, resolvConf(ip, host.search()));
      Files.move(tmp, resolvConf, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return Optional.of(forwarder);
    } catch (io.berth.common.error.BerthException | java.io.IOException e) {
      log.error("the DNS forwarder is NOT running on this agent (containers use the host's resolv.conf): {}", e.getMessage());
      return Optional.empty();
    }
  }

  public int port() {
    return server.port();
  }

  /** The {@code resolv.conf} containers get: this forwarder, DC/OS' options. */
  public static String resolvConf(String forwarderIp, List<String> searchDomains) {
    StringBuilder out = new StringBuilder("# written by the Berth agent: the node-local DNS forwarder\n");
    if (!searchDomains.isEmpty()) {
      out.append("search ").append(String.join(" ", searchDomains)).append('\n');
    }
    out.append("nameserver ").append(forwarderIp).append('\n');
    out.append("options timeout:1 attempts:3\n");
    return out.toString();
  }

  /**
   * The nameservers and search domains of a host {@code resolv.conf} (missing file: none), leaving out
   * {@code exclude} (the forwarder itself, so that it never forwards to itself).
   */
  public static HostResolvers hostResolvers(Path resolvConf, InetSocketAddress exclude) {
    List<InetSocketAddress> servers = new ArrayList<>();
    List<String> search = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.exists(resolvConf) ? Files.readAllLines(resolvConf) : List.of();
    } catch (java.io.IOException e) {
      log.warn("cannot read {}: {}", resolvConf, e.toString());
      lines = List.of();
    }
    for (String line : lines) {
      String[] words = line.strip().split("\\s+");
      if (words.length >= 2 && words[0].equals("nameserver")) {
        try {
          InetSocketAddress address = Upstreams.parse(words[1]);
          if (!address.equals(exclude)) {
            servers.add(address);
          }
        } catch (RuntimeException e) {
          log.debug("ignoring nameserver {}", words[1]);
        }
      } else if (words.length >= 2 && (words[0].equals("search") || words[0].equals("domain"))) {
        search.clear();
        search.addAll(List.of(words).subList(1, words.length));
      }
    }
    return new HostResolvers(servers, search);
  }

  /** What a host {@code resolv.conf} says. */
  public record HostResolvers(List<InetSocketAddress> nameservers, List<String> search) {
    public HostResolvers {
      nameservers = List.copyOf(nameservers);
      search = List.copyOf(search);
    }
  }

  @Override
  public void close() {
    server.close();
    forwarder.close();
  }
}

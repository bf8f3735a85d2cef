package io.berth.dns;

import io.berth.common.time.Ticker;
import io.berth.dns.http.MesosDnsApi;
import io.berth.dns.records.MasterAddresses;
import io.berth.dns.records.RecordGenerator;
import io.berth.dns.records.RecordSet;
import io.berth.dns.server.DnsServer;
import io.berth.dns.server.Forwarder;
import io.berth.dns.server.QueryHandler;
import io.berth.dns.server.Upstreams;
import io.berth.http.HttpServer;
import io.berth.state.StatePublisher;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service discovery on a master: the {@link RecordsFeed} (records from the state publisher's images), the DNS server
 * (UDP and TCP) answering the cluster zones and forwarding the rest, and the Mesos-DNS HTTP API on its own port.
 * Wiring only.
 */
public final class DnsModule implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DnsModule.class);

  private final RecordsFeed feed;
  private final Forwarder forwarder;
  private final DnsServer server;
  private final HttpServer http;

  private DnsModule(RecordsFeed feed, Forwarder forwarder, DnsServer server, HttpServer http) {
    this.feed = feed;
    this.forwarder = forwarder;
    this.server = server;
    this.http = http;
  }

  /**
   * Starts DNS on {@code host:dnsPort} and the HTTP API on {@code host:httpPort} (0 picks free ports; a negative
   * {@code httpPort} turns the API off).
   */
  public static DnsModule start(DnsConfig config, StatePublisher publisher, Supplier<MasterAddresses> masters,
      String host, int dnsPort, int httpPort, InstantSource clock, Ticker ticker) {
    RecordsFeed feed = new RecordsFeed(new RecordGenerator(config), publisher, masters, clock);
    Forwarder forwarder = new Forwarder(Upstreams.of(Upstreams.parseAll(config.resolvers())), config.forwardTimeout(), ticker);
    DnsServer server = null;
    try {
      QueryHandler handler = new QueryHandler(config, feed::current, true, forwarder);
      server = DnsServer.start(host, dnsPort, handler, udpThreads());
      HttpServer http = null;
      if (httpPort >= 0) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("Port", server.port());
        extra.put("Listener", host);
        extra.put("HttpPort", httpPort);
        http = HttpServer.start(host, httpPort, List.of(new MesosDnsApi(config, feed::current, extra).routes()));
      }
      log.info("DNS for {} and {} on {} (udp, tcp){}", config.zone(), DnsConfig.DCOS_ZONE, server.address(),
          http == null ? "" : "; Mesos-DNS API on " + http.url());
      return new DnsModule(feed, forwarder, server, http);
    } catch (RuntimeException e) {
      if (server != null) {
        server.close();
      }
      forwarder.close();
      feed.close();
      throw e;
    }
  }

  /**
   * {@link #start}, or null with an error in the log when the addresses cannot be bound (the node keeps running
   * without DNS rather than not at all).
   */
  public static DnsModule startOrWarn(DnsConfig config, StatePublisher publisher, Supplier<MasterAddresses> masters,
      String host, int dnsPort, int httpPort, InstantSource clock, Ticker ticker) {
    try {
      return start(config, publisher, masters, host, dnsPort, httpPort, clock, ticker);
    } catch (io.berth.common.error.BerthException e) {
      log.error("DNS is NOT available on this master: {}", e.getMessage());
      return null;
    }
  }

  /** The nameservers of the host's {@code /etc/resolv.conf} as {@code ip:port}, without {@code host:port} itself. */
  public static List<String> hostResolvers(String host, int port) {
    java.net.InetSocketAddress self = new java.net.InetSocketAddress(host, Math.max(port, 0));
    return NodeForwarder.hostResolvers(java.nio.file.Path.of("/etc/resolv.conf"), self).nameservers().stream()
        .map(a -> a.getAddress() instanceof java.net.Inet6Address ? "[" + a.getAddress().getHostAddress() + "]:" + a.getPort()
            : a.getAddress().getHostAddress() + ":" + a.getPort())
        .toList();
  }

  static int udpThreads() {
    return Math.max(2, Runtime.getRuntime().availableProcessors());
  }

  /** Regenerate the records now (the leader changed). */
  public void refresh() {
    feed.refresh();
  }

  public RecordSet records() {
    return feed.current();
  }

  public int dnsPort() {
    return server.port();
  }

  /** {@code host:port} of the DNS server. */
  public String dnsAddress() {
    return server.address();
  }

  /** The Mesos-DNS API's base URL, or null when it is off. */
  public String httpUrl() {
    return http == null ? null : http.url();
  }

  @Override
  public void close() {
    if (http != null) {
      http.close();
    }
    server.close();
    forwarder.close();
    feed.close();
  }
}

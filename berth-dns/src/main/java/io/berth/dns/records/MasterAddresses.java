package io.berth.dns.records;

import java.util.List;
import java.util.Optional;

/**
 * What the generator knows about the masters, which the cluster image does not hold: the leader, every known master
 * (API address and port), and the addresses the DNS server itself answers on (for the SOA name server's A record).
 */
public record MasterAddresses(Optional<Endpoint> leader, List<Endpoint> masters, List<String> nameservers) {
  public static final MasterAddresses NONE = new MasterAddresses(Optional.empty(), List.of(), List.of());

  public MasterAddresses {
    masters = List.copyOf(masters);
    nameservers = List.copyOf(nameservers);
  }

  /**
   * The masters as one master sees them: the leader from its URL ({@code http://ip:port}), itself, and the address its
   * DNS server answers on.
   */
  public static MasterAddresses of(Optional<String> leaderUrl, String selfIp, int selfPort, String nameserverIp) {
    Optional<Endpoint> leader = leaderUrl.flatMap(MasterAddresses::endpoint);
    return new MasterAddresses(leader, List.of(new Endpoint(selfIp, selfPort)), List.of(nameserverIp));
  }

  /** {@code http://10.0.0.1:5050} gives {@code 10.0.0.1:5050}; anything else nothing. */
  public static Optional<Endpoint> endpoint(String url) {
    int scheme = url.indexOf("://");
    String rest = scheme < 0 ? url : url.substring(scheme + 3);
    int slash = rest.indexOf('/');
    String hostPort = slash < 0 ? rest : rest.substring(0, slash);
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    try {
      String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
      return Optional.of(new Endpoint(host, Integer.parseInt(hostPort.substring(colon + 1))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** An IP address and port. */
  public record Endpoint(String ip, int port) {}
}

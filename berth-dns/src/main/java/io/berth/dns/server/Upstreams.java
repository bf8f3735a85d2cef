package io.berth.dns.server;

import io.berth.common.error.BerthException;
import io.berth.dns.records.DnsNames;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Which upstream resolvers a forwarded name goes to, tried in order: those of the longest matching zone
 * ({@code zoneResolvers}; the agents' forwarder sends the cluster zones to the masters), else the default list.
 * Zone upstreams are suppliers, so they can follow the leading master.
 */
public final class Upstreams {
  private final Map<String, Supplier<List<InetSocketAddress>>> zones;
  private final List<InetSocketAddress> defaults;

  /** @param zones zone key ({@code mesos.}) to its upstreams */
  public Upstreams(Map<String, Supplier<List<InetSocketAddress>>> zones, List<InetSocketAddress> defaults) {
    this.zones = Map.copyOf(zones);
    this.defaults = List.copyOf(defaults);
  }

  public static Upstreams of(List<InetSocketAddress> defaults) {
    return new Upstreams(Map.of(), defaults);
  }

  public List<InetSocketAddress> forName(String key) {
    String best = null;
    for (String zone : zones.keySet()) {
      if (DnsNames.inZone(key, zone) && (best == null || zone.length() > best.length())) {
        best = zone;
      }
    }
    return best == null ? defaults : zones.get(best).get();
  }

  public boolean isEmpty() {
    return zones.isEmpty() && defaults.isEmpty();
  }

  /** Parses {@code ip[:port]} or {@code [ipv6]:port} (port 53 by default). Only IP literals: no lookups. */
  public static InetSocketAddress parse(String text) {
    String t = text.strip();
    String host = t;
    int port = 53;
    if (t.startsWith("[")) {
      int end = t.indexOf(']');
      if (end < 0) {
        throw BerthException.invalid("Invalid resolver '" + text + "'");
      }
      host = t.substring(1, end);
      if (t.length() > end + 1) {
        port = port(t.substring(end + 1).replaceFirst("^:", ""), text);
      }
    } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
      host = t.substring(0, t.indexOf(':'));
      port = port(t.substring(t.indexOf(':') + 1), text);
    }
    try {
      InetAddress address = org.xbill.DNS.Address.getByAddress(host);
      return new InetSocketAddress(address, port);
    } catch (UnknownHostException e) {
      throw BerthException.invalid("Resolver '" + text + "' must be an IP address with an optional port");
    }
  }

  public static List<InetSocketAddress> parseAll(List<String> texts) {
    List<InetSocketAddress> out = new ArrayList<>();
    texts.forEach(t -> out.add(parse(t)));
    return out;
  }

  private static int port(String text, String whole) {
    try {
      int p = Integer.parseInt(text.strip());
      if (p < 1 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw BerthException.invalid("Invalid port in resolver '" + whole + "'");
    }
  }
}

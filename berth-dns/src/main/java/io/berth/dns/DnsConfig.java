package io.berth.dns;

import io.berth.common.error.BerthException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Settings of the DNS service (Mesos-DNS' config keys in brackets; defaults as Mesos-DNS/DC/OS have them).
 *
 * @param domain the Mesos-DNS zone [domain] (default {@code mesos})
 * @param ttl TTL in seconds of records under {@code domain} [ttl] (default 60); dcos-dns names always have 5
 * @param ipSources task address sources in order [IPSources] (default DC/OS': host, netinfo)
 * @param enforceRfc952 24-character labels without leading digits [enforceRFC952] (default false: RFC 1123)
 * @param srvWeight weight of SRV records [srvRecordDefaultWeight] (default 1)
 * @param soaMname primary name server [SOAMname] (default {@code ns1.<domain>.})
 * @param soaRname responsible mailbox, {@code @} becomes {@code .} [SOARname] (default {@code root.ns1.<domain>.})
 * @param truncateBit set TC when an answer had to be cut [SetTruncateBit] (default true)
 * @param recurse advertise recursion (RA) [recurseon] (default true)
 * @param external forward names outside the cluster zones [externalon] (default true)
 * @param resolvers upstream resolvers {@code host[:port]}, tried in order [resolvers]; empty: none (REFUSED)
 * @param forwardTimeout per upstream try [timeout] (default 5 s)
 * @param enumeration serve {@code /v1/enumerate} and {@code /v1/axfr} [EnumerationOn] (default true)
 */
public record DnsConfig(
    String domain,
    int ttl,
    List<IpSource> ipSources,
    boolean enforceRfc952,
    int srvWeight,
    String soaMname,
    String soaRname,
    boolean truncateBit,
    boolean recurse,
    boolean external,
    List<String> resolvers,
    Duration forwardTimeout,
    boolean enumeration) {

  public static final String DCOS_ZONE = "thisdcos.directory.";
  /** TTL of every dcos-dns name ({@code *.thisdcos.directory}). */
  public static final int DCOS_TTL = 5;

  public DnsConfig {
    domain = normaliseDomain(domain);
    if (ttl < 0) {
      throw BerthException.invalid("DNS ttl must not be negative, got " + ttl);
    }
    ipSources = List.copyOf(ipSources);
    resolvers = List.copyOf(resolvers);
    soaMname = soaMname == null || soaMname.isBlank() ? "ns1." + domain + "." : fqdn(soaMname);
    soaRname = soaRname == null || soaRname.isBlank() ? "root.ns1." + domain + "." : fqdn(soaRname.replace('@', '.'));
  }

  /** Mesos-DNS' defaults with DC/OS' IP sources and the given upstream resolvers. */
  public static DnsConfig defaults(List<String> resolvers) {
    return new DnsConfig("mesos", 60, IpSource.DCOS_DEFAULT, false, 1, null, null, true, true, true, resolvers,
        Duration.ofSeconds(5), true);
  }

  public DnsConfig withDomain(String newDomain) {
    return new DnsConfig(newDomain, ttl, ipSources, enforceRfc952, srvWeight, null, null, truncateBit, recurse,
        external, resolvers, forwardTimeout, enumeration);
  }

  public DnsConfig withTtl(int newTtl) {
    return new DnsConfig(domain, newTtl, ipSources, enforceRfc952, srvWeight, soaMname, soaRname, truncateBit, recurse,
        external, resolvers, forwardTimeout, enumeration);
  }

  public DnsConfig withIpSources(List<IpSource> sources) {
    return new DnsConfig(domain, ttl, sources, enforceRfc952, srvWeight, soaMname, soaRname, truncateBit, recurse,
        external, resolvers, forwardTimeout, enumeration);
  }

  public DnsConfig withResolvers(List<String> upstreams, Duration timeout) {
    return new DnsConfig(domain, ttl, ipSources, enforceRfc952, srvWeight, soaMname, soaRname, truncateBit, recurse,
        external, upstreams, timeout, enumeration);
  }

  public DnsConfig withEnforceRfc952(boolean enforce) {
    return new DnsConfig(domain, ttl, ipSources, enforce, srvWeight, soaMname, soaRname, truncateBit, recurse,
        external, resolvers, forwardTimeout, enumeration);
  }

  /** The zone key of {@code domain}: {@code mesos.}. */
  public String zone() {
    return domain + ".";
  }

  /** Splits a comma-separated list of {@code host[:port]}; blank gives an empty list. */
  public static List<String> parseResolvers(String text) {
    List<String> out = new ArrayList<>();
    if (text != null) {
      for (String part : text.split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  private static String normaliseDomain(String domain) {
    String d = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
    while (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    if (d.isEmpty() || !io.berth.dns.records.DnsNames.valid(d + ".")) {
      throw BerthException.invalid("DNS domain '" + domain + "' is not a valid domain name");
    }
    return d;
  }

  private static String fqdn(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n : n + ".";
  }
}

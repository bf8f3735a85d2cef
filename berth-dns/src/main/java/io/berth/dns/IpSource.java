package io.berth.dns;

import io.berth.common.error.BerthException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where Mesos-DNS takes a task's address from ({@code IPSources}); the first source that yields an address wins.
 * {@link #HOST}: the agent's IP. {@link #NETINFO}: the container's network addresses from the latest status (for
 * host-network containers, as all Berth containers are today, Mesos reports the agent's IP there). {@link #MESOS} and
 * {@link #DOCKER}: deprecated status labels that Berth never sets, so they yield nothing.
 */
public enum IpSource {
  HOST, NETINFO, MESOS, DOCKER;

  /** DC/OS' installer default, {@code ["host", "netinfo"]}. */
  public static final List<IpSource> DCOS_DEFAULT = List.of(HOST, NETINFO);

  /** Parses {@code host,netinfo} (names as in the Mesos-DNS config, any case). */
  public static List<IpSource> parseList(String text) {
    List<IpSource> sources = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.strip().toUpperCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      try {
        sources.add(IpSource.valueOf(p));
      } catch (IllegalArgumentException e) {
        throw BerthException.invalid("Unknown DNS IP source '" + part.strip() + "': use host, netinfo, mesos or docker");
      }
    }
    if (sources.isEmpty()) {
      throw BerthException.invalid("DNS IP sources must name at least one of host, netinfo, mesos, docker");
    }
    return List.copyOf(sources);
  }

  /** The Mesos-DNS config spelling. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

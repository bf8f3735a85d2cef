package io.berth.dns.records;

import io.berth.dns.DnsConfig;
import io.berth.state.image.Agent;
import io.berth.state.image.ClusterImage;
import io.berth.state.image.Framework;
import java.util.Optional;

/**
 * Mesos-DNS' records of the cluster itself: {@code leader}, {@code master}, {@code masterN}, {@code slave} (and
 * Berth's alias {@code agent}), one name per framework, and the SOA name server.
 */
final class InfrastructureRecords {
  private final DnsConfig config;
  private final RecordSetBuilder records;
  private final String tail;
  private final int ttl;

  InfrastructureRecords(DnsConfig config, RecordSetBuilder records) {
    this.config = config;
    this.records = records;
    this.tail = "." + config.zone();
    this.ttl = config.ttl();
  }

  void masters(MasterAddresses masters) {
    masters.leader().ifPresent(leader -> {
      records.address("leader" + tail, leader.ip(), ttl);
      records.address("master" + tail, leader.ip(), ttl);
      records.srv("_leader._tcp" + tail, "leader" + tail, leader.port(), config.srvWeight(), ttl);
      records.srv("_leader._udp" + tail, "leader" + tail, leader.port(), config.srvWeight(), ttl);
    });
    int index = 0;
    boolean leaderListed = false;
    for (MasterAddresses.Endpoint master : masters.masters()) {
      records.address("master" + tail, master.ip(), ttl);
      records.address("master" + index + tail, master.ip(), ttl);
      index++;
      leaderListed |= masters.leader().map(master::equals).orElse(false);
    }
    if (!leaderListed && masters.leader().isPresent()) {
      records.address("master" + index + tail, masters.leader().get().ip(), ttl);
    }
    for (String ip : masters.nameservers()) {
      records.address(config.soaMname(), ip, ttl);
    }
  }

  void agents(ClusterImage image) {
    for (Agent agent : image.agents().values()) {
      if (!agent.reachable()) {
        continue;
      }
      for (String name : new String[] {"slave", "agent"}) {
        records.address(name + tail, agent.info().ip(), ttl);
        records.srv("_" + name + "._tcp" + tail, name + tail, agent.info().port(), config.srvWeight(), ttl);
      }
    }
  }

  /**
   * {@code <framework>.<domain>}: the scheduler's host. Frameworks that run inside the master (hostname unset: the
   * launcher, Marathon, Metronome) are on the leader; a hostname that is an agent's name is that agent's address.
   */
  void frameworks(ClusterImage image, MasterAddresses masters) {
    for (Framework f : image.frameworks().values()) {
      String frag = DnsLabels.domainFrag(f.info().name() == null ? "" : f.info().name(),
          DnsLabels.spec(config.enforceRfc952()));
      if (frag.isEmpty()) {
        continue;
      }
      hostIp(f.info().hostname(), image, masters).ifPresent(ip -> records.address(frag + tail, ip, ttl));
    }
  }

  private static Optional<String> hostIp(String hostname, ClusterImage image, MasterAddresses masters) {
    if (hostname == null || hostname.isBlank()) {
      return masters.leader().map(MasterAddresses.Endpoint::ip);
    }
    if (hostname.matches("\\d{1,3}(\\.\\d{1,3}){3}") || hostname.indexOf(':') >= 0) {
      return Optional.of(hostname);
    }
    return image.agents().values().stream().filter(a -> hostname.equalsIgnoreCase(a.info().hostname()))
        .map(a -> a.info().ip()).findFirst();
  }
}

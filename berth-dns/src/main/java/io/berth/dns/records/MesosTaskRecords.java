package io.berth.dns.records;

import io.berth.dns.DnsConfig;
import io.berth.dns.IpSource;
import io.berth.state.image.Agent;
import io.berth.state.image.Framework;
import io.berth.state.image.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The Mesos-DNS records of one running task (Mesos-DNS' {@code taskRecord} and {@code taskContextRecord}): A records
 * for the task name and the canonical name {@code T-H-S}, under the framework and under {@code slave}, and SRV records
 * for its host ports and its DiscoveryInfo ports. A task with a DiscoveryInfo gets everything twice: with the raw
 * DiscoveryInfo name (legacy, {@code app.g2.g1.marathon.mesos}) and with the sanitised one ({@code app-g2-g1}).
 */
final class MesosTaskRecords {
  private final DnsConfig config;
  private final RecordSetBuilder records;
  private final UnaryOperator<String> spec;
  private final String tail;

  MesosTaskRecords(DnsConfig config, RecordSetBuilder records) {
    this.config = config;
    this.records = records;
    this.spec = DnsLabels.spec(config.enforceRfc952());
    this.tail = "." + config.zone();
  }

  private record Context(String taskName, String hash, String agentTail, List<String> taskIps, String agentIp) {
    Context withName(String name) {
      return new Context(name, hash, agentTail, taskIps, agentIp);
    }
  }

  void task(Task task, Framework framework, Agent agent) {
    String fname = DnsLabels.domainFrag(framework.info().name() == null ? "" : framework.info().name(), spec);
    if (fname.isEmpty()) {
      return;
    }
    TaskDiscovery discovery = TaskDiscovery.of(task.info());
    Context ctx = new Context(spec.apply(task.info().name() == null ? "" : task.info().name()), TaskHash.of(task.id()),
        agentTail(agent.id()), taskIps(agent), agent.info().ip());
    if (discovery.hasDiscoveryInfo()) {
      context(ctx.withName(discovery.name()), task, discovery, fname); // legacy: the raw name
      context(ctx.withName(spec.apply(discovery.name())), task, discovery, fname);
    } else {
      context(ctx, task, discovery, fname);
    }
  }

  private void context(Context ctx, Task task, TaskDiscovery discovery, String fname) {
    if (ctx.taskName().isEmpty()) {
      return;
    }
    String canonical = ctx.taskName() + "-" + ctx.hash() + "-" + ctx.agentTail() + "." + fname;
    String arec = ctx.taskName() + "." + fname;
    int ttl = config.ttl();
    for (String ip : ctx.taskIps()) {
      records.address(arec + tail, ip, ttl);
      records.address(canonical + tail, ip, ttl);
    }
    records.address(arec + ".slave" + tail, ctx.agentIp(), ttl);
    records.address(canonical + ".slave" + tail, ctx.agentIp(), ttl);

    String slaveTarget = canonical + ".slave" + tail;
    for (var range : task.info().resources().ports().ranges()) {
      for (long port = range.begin(); port <= range.end(); port++) {
        for (String proto : List.of("_tcp", "_udp")) {
          String srvName = "_" + ctx.taskName() + "." + proto + "." + fname;
          records.srv(srvName + ".slave" + tail, slaveTarget, port, config.srvWeight(), ttl);
          if (!discovery.hasDiscoveryInfo()) {
            records.srv(srvName + tail, slaveTarget, port, config.srvWeight(), ttl);
          }
        }
      }
    }
    for (TaskDiscovery.Port port : discovery.ports()) {
      String protocol = port.protocol() == null ? "" : port.protocol().toLowerCase(Locale.ROOT);
      List<String> protos = protocol.isEmpty() ? List.of("_tcp", "_udp") : List.of("_" + spec.apply(protocol));
      String namedPort = spec.apply(port.name() == null ? "" : port.name());
      for (String proto : protos) {
        String srvName = "_" + ctx.taskName() + "." + proto + "." + fname + tail;
        records.srv(srvName, canonical + tail, port.number(), config.srvWeight(), ttl);
        if (!namedPort.isEmpty()) {
          records.srv("_" + namedPort + "." + srvName, canonical + tail, port.number(), config.srvWeight(), ttl);
        }
      }
    }
  }

  /** The addresses of the first IP source that yields any (at most one IPv4 and one IPv6, as Mesos-DNS). */
  private List<String> taskIps(Agent agent) {
    for (IpSource source : config.ipSources()) {
      List<String> ips = switch (source) {
        // Berth containers share the host's network: Mesos reports the agent's address in network_infos
        case HOST, NETINFO -> agent.info().ip() == null ? List.of() : List.of(agent.info().ip());
        case MESOS, DOCKER -> List.of();
      };
      if (!ips.isEmpty()) {
        return firstOfEachFamily(ips);
      }
    }
    return List.of();
  }

  private static List<String> firstOfEachFamily(List<String> ips) {
    List<String> out = new ArrayList<>();
    ips.stream().filter(ip -> ip.indexOf(':') < 0).findFirst().ifPresent(out::add);
    ips.stream().filter(ip -> ip.indexOf(':') >= 0).findFirst().ifPresent(out::add);
    return out;
  }

  /** The last {@code -}-separated part of the agent id, lower-case ({@code ...-S3} gives {@code s3}). */
  static String agentTail(String agentId) {
    return agentId.substring(agentId.lastIndexOf('-') + 1).toLowerCase(Locale.ROOT);
  }
}

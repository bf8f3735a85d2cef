package io.berth.dns.records;

import io.berth.api.cluster.TaskState;
import io.berth.dns.DnsConfig;
import io.berth.state.image.Agent;
import io.berth.state.image.ClusterImage;
import io.berth.state.image.Framework;
import io.berth.state.image.Task;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The dcos-dns names under {@code thisdcos.directory} (TTL 5 s): tasks under {@code agentip}, {@code containerip}
 * and {@code autoip} of {@code dcos.thisdcos.directory}, the masters, the mirror of the Mesos-DNS zone under
 * {@code mesos.thisdcos.directory}, and named VIPs under {@code l4lb.thisdcos.directory}.
 */
final class DcosRecords {
  static final String TASK_ZONE = ".dcos." + DnsConfig.DCOS_ZONE;
  static final String MIRROR_ZONE = ".mesos." + DnsConfig.DCOS_ZONE;
  static final String VIP_ZONE = ".l4lb." + DnsConfig.DCOS_ZONE;
  private static final int TTL = DnsConfig.DCOS_TTL;

  private final RecordSetBuilder records;

  DcosRecords(RecordSetBuilder records) {
    this.records = records;
  }

  /** Every name of the Mesos-DNS zone again, with {@code .<domain>.} replaced by {@code .mesos.thisdcos.directory.}. */
  void mirror(String mesosZone) {
    for (Map.Entry<String, NameRecords> e : records.inZone(mesosZone)) {
      String name = rename(e.getKey(), mesosZone);
      e.getValue().a().forEach(ip -> records.address(name, ip, TTL));
      e.getValue().aaaa().forEach(ip -> records.address(name, ip, TTL));
      for (Srv srv : e.getValue().srv()) {
        String target = DnsNames.inZone(srv.target(), mesosZone) ? rename(srv.target(), mesosZone) : srv.target();
        records.srv(name, target, srv.port(), srv.weight(), TTL);
      }
    }
  }

  private static String rename(String name, String zone) {
    return name.equals(zone) ? MIRROR_ZONE.substring(1) : name.substring(0, name.length() - zone.length()) + MIRROR_ZONE.substring(1);
  }

  void masters(MasterAddresses masters) {
    masters.leader().ifPresent(l -> {
      records.address("leader" + TASK_ZONE, l.ip(), TTL);
      records.address("master" + TASK_ZONE, l.ip(), TTL);
    });
    masters.masters().forEach(m -> records.address("master" + TASK_ZONE, m.ip(), TTL));
  }

  /**
   * {@code <task>.<framework>.{agentip,containerip,autoip}.dcos.thisdcos.directory}: the task label is the sanitised
   * DiscoveryInfo name (else task name), the framework one sanitised label. Berth containers share the host network,
   * so the container address is the agent's, and autoip is the agent's address either way.
   */
  void task(Task task, Framework framework, Agent agent) {
    TaskDiscovery discovery = TaskDiscovery.of(task.info());
    String name = discovery.hasDiscoveryInfo() ? discovery.name() : task.info().name();
    String label = DnsLabels.rfc1123(name == null ? "" : name);
    String fw = DnsLabels.rfc1123(framework.info().name() == null ? "" : framework.info().name());
    if (label.isEmpty() || fw.isEmpty() || agent.info().ip() == null) {
      return;
    }
    for (String kind : new String[] {"agentip", "containerip", "autoip"}) {
      records.address(label + "." + fw + "." + kind + TASK_ZONE, agent.info().ip(), TTL);
    }
  }

  /** Named VIPs of tasks that are RUNNING or KILLING (the load balancer's backends), at their allocated addresses. */
  void vips(ClusterImage image) {
    Set<String> keys = new LinkedHashSet<>();
    for (Task task : image.tasks().values()) {
      Framework framework = image.frameworks().get(task.info().frameworkId());
      boolean live = task.state() == TaskState.TASK_RUNNING || task.state() == TaskState.TASK_KILLING;
      if (framework == null || !live || !image.agents().containsKey(task.info().agentId())) {
        continue;
      }
      for (String label : TaskDiscovery.of(task.info()).vipLabels()) {
        VipAddresses.parse(label).filter(v -> v.nameFrag() != null)
            .map(v -> VipAddresses.key(v.nameFrag(), framework.info().name() == null ? "" : framework.info().name()))
            .filter(k -> !k.endsWith("."))
            .ifPresent(keys::add);
      }
    }
    VipAddresses.allocate(keys).forEach((key, ip) -> records.address(key + VIP_ZONE, ip, TTL));
  }
}

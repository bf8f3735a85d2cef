package io.berth.dns.records;

import io.berth.api.cluster.TaskState;
import io.berth.dns.DnsConfig;
import io.berth.state.image.Agent;
import io.berth.state.image.ClusterImage;
import io.berth.state.image.Framework;
import io.berth.state.image.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure core of service discovery: a cluster image (plus what it does not hold: the masters) to every DNS record
 * of the Mesos-DNS zone ({@code <domain>.}) and of the dcos-dns zone ({@code thisdcos.directory.}), as
 * spec/discovery-dns.md lists them. No I/O, no clock: the SOA serial is an input.
 */
public final class RecordGenerator {
  private final DnsConfig config;

  public RecordGenerator(DnsConfig config) {
    this.config = config;
  }

  public DnsConfig config() {
    return config;
  }

  public RecordSet generate(ClusterImage image, MasterAddresses masters, long serial) {
    RecordSetBuilder records = new RecordSetBuilder();
    InfrastructureRecords infrastructure = new InfrastructureRecords(config, records);
    infrastructure.masters(masters);
    infrastructure.agents(image);
    infrastructure.frameworks(image, masters);
    MesosTaskRecords mesosTasks = new MesosTaskRecords(config, records);
    Map<String, List<RecordSet.Enumeration.Task>> enumerated = new LinkedHashMap<>();
    List<Task> running = new ArrayList<>();
    for (Task task : image.tasks().values()) {
      Framework framework = image.frameworks().get(task.info().frameworkId());
      Agent agent = image.agents().get(task.info().agentId());
      if (framework == null || agent == null || task.state() != TaskState.TASK_RUNNING) {
        continue;
      }
      running.add(task);
      List<RecordSet.Enumeration.Record> taskRecords = new ArrayList<>();
      records.collectFor(taskRecords);
      mesosTasks.task(task, framework, agent);
      records.collectFor(null);
      enumerated.computeIfAbsent(framework.id(), n -> new ArrayList<>())
          .add(new RecordSet.Enumeration.Task(task.info().name(), task.id(), taskRecords));
    }
    DcosRecords dcos = new DcosRecords(records);
    dcos.mirror(config.zone());
    dcos.masters(masters);
    for (Task task : running) {
      dcos.task(task, image.frameworks().get(task.info().frameworkId()), image.agents().get(task.info().agentId()));
    }
    dcos.vips(image);
    List<RecordSet.Enumeration.Framework> enumeration = new ArrayList<>();
    for (Framework f : image.frameworks().values()) {
      enumeration.add(new RecordSet.Enumeration.Framework(f.info().name(),
          enumerated.getOrDefault(f.id(), List.of())));
    }
    return records.build(serial, enumeration);
  }
}

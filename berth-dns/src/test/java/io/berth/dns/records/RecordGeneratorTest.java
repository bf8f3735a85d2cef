package io.berth.dns.records;

import static io.berth.dns.Images.agent;
import static io.berth.dns.Images.framework;
import static io.berth.dns.Images.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.dns.DnsConfig;
import io.berth.dns.Images;
import io.berth.dns.IpSource;
import io.berth.state.image.ClusterImage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordGeneratorTest {
  static final MasterAddresses MASTERS = new MasterAddresses(
      Optional.of(new MasterAddresses.Endpoint("10.0.0.1", 5050)),
      List.of(new MasterAddresses.Endpoint("10.0.0.1", 5050), new MasterAddresses.Endpoint("10.0.0.9", 5050)),
      List.of("10.0.0.1"));
  static final TaskInfo APP = task("g1_g2_app.uuid-1", "app.g2.g1", "fw-m", "agent-1-S3", List.of(31005L, 31006L),
      List.of("http", "admin"), Map.of("VIP_0", "/g1/g2/app:80"));
  static final TaskInfo PLAIN = task("plain-1", "Plain_Task", "fw-l", "agent-2-S4", List.of(32001L), List.of(), Map.of());

  final RecordGenerator generator = new RecordGenerator(DnsConfig.defaults(List.of()));

  static ClusterImage cluster() {
    return new Images().agent(agent("agent-1-S3", "10.0.1.3")).agent(agent("agent-2-S4", "10.0.1.4"))
        .framework(framework("fw-m", "marathon")).framework(framework("fw-l", "berth-launcher"))
        .running(APP).running(PLAIN).image();
  }

  RecordSet records() {
    return generator.generate(cluster(), MASTERS, 1234);
  }

  List<String> a(RecordSet set, String name) {
    return set.lookup(name).map(NameRecords::a).orElse(List.of());
  }

  List<String> srv(RecordSet set, String name) {
    return set.lookup(name).map(r -> r.srv().stream().map(Srv::hostPort).toList()).orElse(List.of());
  }

  @Test
  void taskWithDiscoveryInfoGetsTheSanitisedAndTheLegacyNames() {
    RecordSet set = records();
    String c = "app-g2-g1-" + TaskHash.of(APP.id()) + "-s3";
    for (String name : List.of("app-g2-g1.marathon.mesos", "app.g2.g1.marathon.mesos", c + ".marathon.mesos",
        "app-g2-g1.marathon.slave.mesos", c + ".marathon.slave.mesos")) {
      assertThat(a(set, name)).as(name).containsExactly("10.0.1.3");
    }
    // host ports: only under slave (the task has a DiscoveryInfo)
    assertThat(srv(set, "_app-g2-g1._tcp.marathon.slave.mesos"))
        .containsExactly(c + ".marathon.slave.mesos.:31005", c + ".marathon.slave.mesos.:31006");
    assertThat(srv(set, "_app-g2-g1._udp.marathon.slave.mesos")).hasSize(2);
    // DiscoveryInfo ports: tcp, with named-port forms
    assertThat(srv(set, "_app-g2-g1._tcp.marathon.mesos"))
        .containsExactly(c + ".marathon.mesos.:31005", c + ".marathon.mesos.:31006");
    assertThat(srv(set, "_http._app-g2-g1._tcp.marathon.mesos")).containsExactly(c + ".marathon.mesos.:31005");
    assertThat(srv(set, "_admin._app-g2-g1._tcp.marathon.mesos")).containsExactly(c + ".marathon.mesos.:31006");
    assertThat(srv(set, "_app-g2-g1._udp.marathon.mesos")).isEmpty();
    assertThat(srv(set, "_http._app.g2.g1._tcp.marathon.mesos")).hasSize(1);
  }

  @Test
  void taskWithoutDiscoveryInfoGetsSrvUnderFrameworkAndSlave() {
    RecordSet set = records();
    String c = "plain-task-" + TaskHash.of("plain-1") + "-s4";
    assertThat(a(set, "plain-task.berth-launcher.mesos")).containsExactly("10.0.1.4");
    assertThat(srv(set, "_plain-task._tcp.berth-launcher.mesos")).containsExactly(c + ".berth-launcher.slave.mesos.:32001");
    assertThat(srv(set, "_plain-task._udp.berth-launcher.slave.mesos")).containsExactly(c + ".berth-launcher.slave.mesos.:32001");
  }

  @Test
  void infrastructureNames() {
    RecordSet set = records();
    assertThat(a(set, "leader.mesos")).containsExactly("10.0.0.1");
    assertThat(a(set, "master.mesos")).containsExactly("10.0.0.1", "10.0.0.9");
    assertThat(a(set, "master0.mesos")).containsExactly("10.0.0.1");
    assertThat(a(set, "master1.mesos")).containsExactly("10.0.0.9");
    assertThat(srv(set, "_leader._tcp.mesos")).containsExactly("leader.mesos.:5050");
    assertThat(srv(set, "_leader._udp.mesos")).containsExactly("leader.mesos.:5050");
    assertThat(a(set, "slave.mesos")).containsExactly("10.0.1.3", "10.0.1.4");
    assertThat(a(set, "agent.mesos")).containsExactly("10.0.1.3", "10.0.1.4");
    assertThat(srv(set, "_slave._tcp.mesos")).containsExactly("slave.mesos.:5051");
    assertThat(a(set, "ns1.mesos")).containsExactly("10.0.0.1");
    // in-process frameworks run on the leader
    assertThat(a(set, "marathon.mesos")).containsExactly("10.0.0.1");
    assertThat(set.serial()).isEqualTo(1234);
  }

  @Test
  void leaderMissingFromTheMasterListGetsAnExtraIndex() {
    MasterAddresses masters = new MasterAddresses(Optional.of(new MasterAddresses.Endpoint("10.0.0.5", 5050)),
        List.of(new MasterAddresses.Endpoint("10.0.0.1", 5050)), List.of());
    RecordSet set = generator.generate(ClusterImage.EMPTY, masters, 1);
    assertThat(a(set, "master1.mesos")).containsExactly("10.0.0.5");
    assertThat(a(set, "master.mesos")).containsExactlyInAnyOrder("10.0.0.5", "10.0.0.1");
  }

  @Test
  void dcosNames() {
    RecordSet set = records();
    for (String kind : List.of("agentip", "containerip", "autoip")) {
      assertThat(a(set, "app-g2-g1.marathon." + kind + ".dcos.thisdcos.directory")).containsExactly("10.0.1.3");
    }
    assertThat(a(set, "plain-task.berth-launcher.autoip.dcos.thisdcos.directory")).containsExactly("10.0.1.4");
    assertThat(a(set, "leader.dcos.thisdcos.directory")).containsExactly("10.0.0.1");
    assertThat(a(set, "master.dcos.thisdcos.directory")).containsExactly("10.0.0.1", "10.0.0.9");
    assertThat(a(set, "app-g2-g1.marathon.mesos.thisdcos.directory")).containsExactly("10.0.1.3");
    assertThat(srv(set, "_leader._tcp.mesos.thisdcos.directory")).containsExactly("leader.mesos.thisdcos.directory.:5050");
    String vip = VipAddresses.allocate(java.util.Set.of("g1g2app.marathon")).get("g1g2app.marathon");
    assertThat(a(set, "g1g2app.marathon.l4lb.thisdcos.directory")).containsExactly(vip);
    assertThat(set.lookup("g1g2app.marathon.l4lb.thisdcos.directory").get().ttl()).isEqualTo(5);
    assertThat(set.lookup("app-g2-g1.marathon.mesos").get().ttl()).isEqualTo(60);
  }

  @Test
  void onlyRunningTasksOnKnownAgentsHaveNames() {
    TaskInfo staging = task("s-1", "staging", "fw-l", "agent-1-S3", List.of(), List.of(), Map.of());
    TaskInfo finished = task("f-1", "finished", "fw-l", "agent-1-S3", List.of(), List.of(), Map.of());
    TaskInfo orphan = task("o-1", "orphan", "fw-l", "agent-9-S9", List.of(), List.of(), Map.of());
    ClusterImage image = new Images().agent(agent("agent-1-S3", "10.0.1.3")).framework(framework("fw-l", "berth-launcher"))
        .launched(staging).running(finished).state(finished, TaskState.TASK_FINISHED).running(orphan).image();
    RecordSet set = generator.generate(image, MasterAddresses.NONE, 1);
    assertThat(set.lookup("staging.berth-launcher.mesos")).isEmpty();
    assertThat(set.lookup("finished.berth-launcher.mesos")).isEmpty();
    assertThat(set.lookup("orphan.berth-launcher.mesos")).isEmpty();
    assertThat(set.enumeration()).singleElement().satisfies(f -> assertThat(f.tasks()).isEmpty());
  }

  @Test
  void ipSourcesThatYieldNothingFallThrough() {
    RecordGenerator mesosOnly = new RecordGenerator(DnsConfig.defaults(List.of()).withIpSources(List.of(IpSource.MESOS)));
    RecordSet none = mesosOnly.generate(cluster(), MASTERS, 1);
    assertThat(none.lookup("plain-task.berth-launcher.mesos")).isEmpty();
    assertThat(a(none, "plain-task.berth-launcher.slave.mesos")).containsExactly("10.0.1.4");
    RecordGenerator fallback = new RecordGenerator(DnsConfig.defaults(List.of())
        .withIpSources(List.of(IpSource.DOCKER, IpSource.NETINFO)));
    assertThat(a(fallback.generate(cluster(), MASTERS, 1), "plain-task.berth-launcher.mesos")).containsExactly("10.0.1.4");
  }

  @Test
  void customDomainAndRfc952() {
    RecordGenerator custom = new RecordGenerator(DnsConfig.defaults(List.of()).withDomain("Cluster.Example").withEnforceRfc952(true));
    RecordSet set = custom.generate(cluster(), MASTERS, 1);
    assertThat(a(set, "app-g2-g1.marathon.cluster.example")).containsExactly("10.0.1.3");
    assertThat(a(set, "leader.cluster.example")).containsExactly("10.0.0.1");
    assertThat(set.lookup("leader.mesos")).isEmpty();
  }

  @Test
  void enumerationListsTasksWithTheirRecords() {
    RecordSet set = records();
    assertThat(set.enumeration()).extracting(RecordSet.Enumeration.Framework::name)
        .containsExactly("marathon", "berth-launcher");
    RecordSet.Enumeration.Task app = set.enumeration().getFirst().tasks().getFirst();
    assertThat(app.id()).isEqualTo(APP.id());
    assertThat(app.records()).contains(new RecordSet.Enumeration.Record("app-g2-g1.marathon.mesos.", "10.0.1.3", "A"));
  }

  @Test
  void generationIsPure() {
    assertThat(records()).isEqualTo(records());
  }
}

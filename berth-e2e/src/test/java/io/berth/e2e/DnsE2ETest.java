package io.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.FrameworkInfo;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.client.JsonHttp;
import io.berth.common.json.Json;
import io.berth.framework.Filters;
import io.berth.framework.Offer;
import io.berth.framework.Operation;
import io.berth.framework.SchedulerCall;
import io.berth.framework.SchedulerConnection;
import io.berth.framework.SchedulerEvent;
import io.berth.framework.http.HttpSchedulerClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service discovery on a real {@code berth up --agents 2} cluster with runc: a framework named {@code marathon} (over
 * the Mesos scheduler HTTP API, with Marathon's task names, named ports and VIP labels) scales an app up and down, and
 * {@code dig} sees every change within a second of the task status; containers resolve through their agent's forwarder.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DnsE2ETest {
  @TempDir static Path tmp;
  static BerthUp cluster;
  static AppFramework marathon;

  @BeforeAll
  static void up() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "runc containers need root");
    cluster = new BerthUp(tmp.resolve("cluster"), 2, "runc").start();
    marathon = new AppFramework(cluster.http, cluster.masterUrl());
  }

  @AfterAll
  static void down() throws Exception {
    if (marathon != null) {
      marathon.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  static List<String> dig(String... args) throws IOException, InterruptedException {
    return Dig.query(cluster.dnsPort, args);
  }

  @Test
  @Order(1)
  void clusterJsonNamesTheServerAndInfrastructureNamesResolve() throws Exception {
    assertThat(cluster.cluster().path("dns").asText()).isEqualTo("127.0.0.1:" + cluster.dnsPort);
    assertThat(dig("leader.mesos")).containsExactly("127.0.0.1");
    assertThat(dig("master.mesos")).containsExactly("127.0.0.1");
    assertThat(dig("slave.mesos")).containsExactly("127.0.0.2", "127.0.0.3");
    assertThat(dig("agent.mesos")).containsExactly("127.0.0.2", "127.0.0.3");
    assertThat(dig("_leader._tcp.mesos", "SRV")).containsExactly("0 1 " + cluster.masterPort + " leader.mesos.");
    assertThat(dig("leader.dcos.thisdcos.directory")).containsExactly("127.0.0.1");
  }

  @Test
  @Order(2)
  void appTasksResolveToTheirAgentsAndScalingShowsWithinASecond() throws Exception {
    for (int i = 0; i < 2; i++) {
      marathon.scaleUp();
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> marathon.running().size() == 2);
    awaitDns("_web-shop._tcp.marathon.mesos", 2);
    assertThat(dig("web-shop.marathon.mesos")).containsExactlyElementsOf(marathon.agentIps());
    assertThat(dig("web.shop.marathon.mesos")).containsExactlyElementsOf(marathon.agentIps()); // legacy form
    assertThat(dig("web-shop.marathon.autoip.dcos.thisdcos.directory")).containsExactlyElementsOf(marathon.agentIps());
    assertThat(dig("shopweb.marathon.l4lb.thisdcos.directory")).singleElement().asString().startsWith("11.");
    assertThat(ports(dig("_web-shop._tcp.marathon.mesos", "SRV"))).isEqualTo(marathon.ports());
    assertThat(ports(dig("_http._web-shop._tcp.marathon.mesos", "SRV"))).isEqualTo(marathon.ports());
    assertThat(ports(dig("_web-shop._udp.marathon.slave.mesos", "SRV"))).isEqualTo(marathon.ports());

    String third = marathon.scaleUp();
    marathon.awaitStatus(third, TaskState.TASK_RUNNING);
    awaitDns("_web-shop._tcp.marathon.mesos", 3);
    assertThat(dig("_web-shop._tcp.marathon.mesos", "SRV")).hasSize(3);

    String victim = marathon.scaleDown();
    marathon.awaitStatus(victim, TaskState.TASK_KILLED);
    awaitDns("_web-shop._tcp.marathon.mesos", 2);
    assertThat(ports(dig("_web-shop._tcp.marathon.mesos", "SRV"))).isEqualTo(marathon.ports());
  }

  /** The answer must change within 1 s of the status the framework just saw. */
  static void awaitDns(String srvName, int records) {
    await(srvName + " to have " + records + " records").atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
        .until(() -> dig(srvName, "SRV").size() == records);
  }

  static Set<Long> ports(List<String> srv) {
    return Dig.srvPorts(srv);
  }

  @Test
  @Order(3)
  void mesosDnsHttpApi() {
    JsonHttp http = new JsonHttp(Duration.ofSeconds(5));
    String api = cluster.cluster().path("mesosDns").asText();
    assertThat(Json.tree(http.getBytes(api + "/v1/version")).path("Service").asText()).isEqualTo("Mesos-DNS");
    JsonNode services = Json.tree(http.getBytes(api + "/v1/services/_web-shop._tcp.marathon.mesos"));
    assertThat(services).hasSize(2);
    assertThat(services.get(0).path("ip").asText()).startsWith("127.0.0.");
    assertThat(Json.tree(http.getBytes(api + "/v1/hosts/nothing.mesos")).toString()).isEqualTo("[{\"host\":\"\",\"ip\":\"\"}]");
  }

  @Test
  @Order(4)
  void containersResolveClusterNamesThroughTheirAgentsForwarder() throws Exception {
    cluster.launch(Map.of("id", "resolver", "cpus", 0.1, "mem", 64, "cmd",
        "cat /etc/resolv.conf; python3 -c \"import socket; print('ANSWER', sorted(socket.gethostbyname_ex('web-shop.marathon.mesos')[2]))\"; sleep 600"));
    JsonNode task = cluster.awaitState("resolver", "TASK_RUNNING", Duration.ofSeconds(30));
    int agent = cluster.agentOf(task);
    String sandbox = cluster.executor(agent, "resolver").path("directory").asText();
    await().atMost(Duration.ofSeconds(20)).until(() -> readFile(agent, sandbox + "/stdout").contains("ANSWER"));
    String out = readFile(agent, sandbox + "/stdout");
    assertThat(out).contains("nameserver 127.0.0." + (agent + 1));
    assertThat(out).contains("ANSWER " + marathon.agentIps().stream().distinct().map(ip -> "'" + ip + "'").toList());
  }

  static String readFile(int agent, String path) {
    return Json.tree(cluster.http.getBytes(cluster.agentUrl(agent) + "/files/read?offset=0&path=" + path)).path("data").asText();
  }

  /** A small framework named "marathon" that runs instances of the app {@code /shop/web} as Marathon would name them. */
  static final class AppFramework implements AutoCloseable {
    private final SchedulerConnection connection;
    private final ConcurrentLinkedQueue<String> wanted = new ConcurrentLinkedQueue<>();
    private final Map<String, TaskInfo> launched = new ConcurrentHashMap<>();
    private final Map<String, TaskState> states = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<TaskStatus> statuses = new ConcurrentLinkedQueue<>();
    private int next;

    /** Open once {@link #connection} is set: offers can arrive on the event thread before subscribe returns. */
    private final java.util.concurrent.CountDownLatch subscribed = new java.util.concurrent.CountDownLatch(1);

    AppFramework(JsonHttp http, String masterUrl) {
      FrameworkInfo info = new FrameworkInfo(null, "marathon", "root", "*", 3600, true, null, null, null, List.of());
      connection = new HttpSchedulerClient(http, masterUrl).subscribe(info, this::onEvent);
      subscribed.countDown();
    }

    synchronized String scaleUp() {
      String id = "shop_web." + (++next);
      wanted.add(id);
      connection.call(new SchedulerCall.Revive());
      return id;
    }

    synchronized String scaleDown() {
      TaskInfo victim = running().getFirst();
      connection.call(new SchedulerCall.Kill(victim.id(), victim.agentId(), 1.0));
      return victim.id();
    }

    private void onEvent(SchedulerEvent event) {
      if (!(event instanceof SchedulerEvent.Subscribed)) { // SUBSCRIBED comes on the subscribing thread itself
        try {
          if (!subscribed.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("subscribe did not return");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      switch (event) {
        case SchedulerEvent.Offers o -> o.offers().forEach(this::use);
        case SchedulerEvent.Update u -> {
          states.put(u.status().taskId(), u.status().state());
          statuses.add(u.status());
          if (u.status().state() == TaskState.TASK_DROPPED && launched.remove(u.status().taskId()) != null) {
            wanted.add(u.status().taskId()); // as a real framework would: launch it again on the next offer
            connection.call(new SchedulerCall.Revive());
          }
          if (u.status().uuid() != null) {
            connection.call(new SchedulerCall.Acknowledge(u.status().agentId(), u.status().taskId(), u.status().uuid()));
          }
        }
        default -> { }
      }
    }

    private void use(Offer offer) {
      String id = wanted.poll();
      List<Long> ports = offer.resources().ports().lowest(1);
      if (id == null || ports.isEmpty() || offer.resources().cpus() < 0.1 || offer.resources().mem() < 32) {
        if (id != null) {
          wanted.add(id);
        }
        connection.call(new SchedulerCall.Decline(List.of(offer.id()), new Filters(1.0)));
        return;
      }
      TaskInfo task = new TaskInfo(id, "web.shop", offer.frameworkId(), offer.agentId(),
          new Resources(0.1, 32, 0, 0, PortRanges.ofPorts(ports)),
          new CommandInfo(true, "exec sleep 3600", List.of(), Map.of(), null, List.of()), List.of("http"),
          Map.of("VIP_0", "/shop/web:80", "DCOS_SERVICE_NAME", "web"), 1.0);
      launched.put(id, task);
      connection.call(new SchedulerCall.Accept(List.of(offer.id()), List.of(new Operation.Launch(List.of(task))), new Filters(1.0)));
    }

    List<TaskInfo> running() {
      return launched.values().stream().filter(t -> states.get(t.id()) == TaskState.TASK_RUNNING).toList();
    }

    List<String> agentIps() {
      JsonNode agents = cluster.cluster().path("agents");
      List<String> ips = new ArrayList<>();
      for (TaskInfo t : running()) {
        agents.forEach(a -> {
          if (a.path("id").asText().equals(t.agentId())) {
            ips.add(a.path("ip").asText());
          }
        });
      }
      return ips.stream().distinct().sorted().toList();
    }

    Set<Long> ports() {
      Set<Long> ports = new TreeSet<>();
      running().forEach(t -> ports.addAll(t.resources().ports().lowest(1)));
      return ports;
    }

    /** Waits until the framework has seen this status of the task. */
    void awaitStatus(String taskId, TaskState state) {
      await(taskId + " to reach " + state).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
          .until(() -> statuses.stream().anyMatch(s -> s.taskId().equals(taskId) && s.state() == state));
    }

    @Override
    public void close() {
      connection.call(new SchedulerCall.Teardown());
      connection.close();
    }
  }
}

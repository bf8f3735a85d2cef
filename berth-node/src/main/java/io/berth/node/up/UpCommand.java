package io.berth.node.up;

import io.berth.common.time.SystemTime;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.client.JsonHttp;
import io.berth.iam.AdminCredentials;
import io.berth.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth up}: a whole cluster on this machine. It starts the master (with an embedded ZooKeeper) and N
 * agents as child processes, restarts any that dies, writes {@code cluster.json}, and on Ctrl-C or SIGTERM stops
 * the agents (which stop their tasks) and then the master. A second {@code berth up} on the same directory finds
 * the same cluster state.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Run a whole cluster on this machine: ZooKeeper, one master and N agents (Ctrl-C stops all).")
public final class UpCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(UpCommand.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  @Option(names = "--agents", description = "Number of agents (default ${DEFAULT-VALUE}).", defaultValue = "1")
  int agents;

  @Option(names = "--dir", description = "Cluster directory (default ${DEFAULT-VALUE}).", defaultValue = ".berth")
  Path dir;

  @Option(names = "--runtime", description = "Container runtime of the agents: runc or process (default ${DEFAULT-VALUE}).",
      defaultValue = "runc")
  String runtime;

  @Option(names = "--master-port", defaultValue = "5050", description = "Master API port (default ${DEFAULT-VALUE}).")
  int masterPort;

  @Option(names = "--zk-port", defaultValue = "2181", description = "Embedded ZooKeeper port (default ${DEFAULT-VALUE}).")
  int zkPort;

  @Option(names = "--agent-port", defaultValue = "5051", description = "Agent API port on each agent's IP (default ${DEFAULT-VALUE}).")
  int agentPort;

  @Option(names = "--host-ports-start", defaultValue = "31000",
      description = "First host port of agent-1; agent N gets the 1000 ports from start + 1000 (N-1) (default ${DEFAULT-VALUE}).")
  int hostPortsStart;

  @Option(names = "--dns-port", defaultValue = "8053", description = "Master DNS port on 127.0.0.1, UDP and TCP (default ${DEFAULT-VALUE}).")
  int dnsPort;

  @Option(names = "--dns-http-port", defaultValue = "8123", description = "Mesos-DNS HTTP API port (default ${DEFAULT-VALUE}).")
  int dnsHttpPort;

  @Option(names = "--agent-dns-port", defaultValue = "53",
      description = "Port of each agent's DNS forwarder on its IP; containers resolve through it only on 53 (default ${DEFAULT-VALUE}).")
  int agentDnsPort;

  @Option(names = "--gateway-port", defaultValue = "8800", description = "Gateway (Admin Router) HTTP port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
  int gatewayPort;

  @Option(names = "--gateway-tls-port", defaultValue = "8443", description = "Gateway HTTPS port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
  int gatewayTlsPort;

  @Option(names = "--insecure-dev", description = "Turn authentication OFF: anyone may do anything. Development only.")
  boolean insecureDev;

  @Option(names = "--agent-gateway-port", defaultValue = "61001",
      description = "Port of each agent's gateway (Admin Router) on the agent's IP (default ${DEFAULT-VALUE}; negative: none).")
  int agentGatewayPort;

  @Option(names = "--internal-auth", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Require tokens on the master and agent APIs too; agents log in with a service account made in the "
          + "cluster directory (default on; --no-internal-auth or --insecure-dev turn it off).")
  boolean internalAuth;

  @Option(names = "--heap", defaultValue = "256m", description = "JVM heap of each child process (default ${DEFAULT-VALUE}).")
  String heap;

  @Override
  public Integer call() throws Exception {
    if (agents < 1 || agents > 200) {
      System.err.println("berth up: --agents must be between 1 and 200");
      return 2;
    }
    if (hostPortsStart < 1024 || hostPortsStart + 1000L * agents > 65536) {
      System.err.println("berth up: --host-ports-start must leave 1000 ports per agent between 1024 and 65535");
      return 2;
    }
    internalAuth = internalAuth && !insecureDev; // nothing to check tokens against without authentication
    UpLayout layout = new UpLayout(dir.toAbsolutePath().normalize());
    Files.createDirectories(layout.dir());
    AdminCredentials admin = AdminCredentials.readOrCreate(layout.dir().resolve("admin-credentials"));
    if (internalAuth) {
      io.berth.iam.ServiceAccountSecret.readOrCreate(layout.dir().resolve("agent-credentials"),
          io.berth.iam.ServiceAccountSecret.AGENT_UID, "http://127.0.0.1:" + masterPort + "/acs/api/v1/auth/login");
    }
    ChildProcess master = new ChildProcess("master", withGateway(layout, javaCommand("master", "--ip", "127.0.0.1", "--port",
        String.valueOf(masterPort), "--work-dir", layout.master().toString(), "--zk-port", String.valueOf(zkPort),
        "--zk-dir", layout.zk().toString(), "--dns-port", String.valueOf(dnsPort), "--dns-http-port",
        String.valueOf(dnsHttpPort))), layout.log("master"));
    List<ChildProcess> agentProcesses = new ArrayList<>();
    for (int n = 1; n <= agents; n++) {
      agentProcesses.add(new ChildProcess("agent-" + n, withAgentGateway(layout, javaCommand("agent", "--master",
          "zk://127.0.0.1:" + zkPort + "/berth", "--ip", UpLayout.agentIp(n), "--port", String.valueOf(agentPort),
          "--work-dir", layout.agent(n).toString(), "--ports", UpLayout.agentPorts(hostPortsStart, n), "--runtime", runtime,
          "--hide", layout.dir().toString(), "--kill-tasks-on-shutdown", "--dns-port", String.valueOf(agentDnsPort),
          "--dns-master-port", String.valueOf(dnsPort))), layout.log("agent-" + n)));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runnable stopAll = () -> {
      System.err.println("berth up: stopping agents and their tasks, then the master ...");
      agentProcesses.parallelStream().forEach(a -> a.stop(Duration.ofSeconds(60)));
      master.stop(Duration.ofSeconds(20));
      System.err.println("berth up: stopped");
    };
    // Ctrl-C and SIGTERM are requests to stop: stop in order and exit 0. The hook covers other ways of exiting.
    Thread hook = new Thread(stopAll, "berth-up-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    for (String signal : List.of("INT", "TERM")) {
      sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> {
        Runtime.getRuntime().removeShutdownHook(hook);
        stopAll.run();
        stopped.countDown();
        System.exit(0);
      });
    }

    String masterUrl = "http://127.0.0.1:" + masterPort;
    JsonHttp http = internalAuth ? AdminLogin.client(masterUrl, admin, Duration.ofSeconds(2)) : new JsonHttp(Duration.ofSeconds(2));
    master.start();
    waitFor("the master at " + masterUrl, () -> http.send("GET", masterUrl + "/master/health", null) != null, layout.log("master"));
    for (ChildProcess agent : agentProcesses) {
      agent.start();
    }
    waitFor(agents + " agents to register", () -> registeredAgents(http, masterUrl).size() >= agents, layout.dir().resolve("logs"));
    String gatewayUrl = "http://127.0.0.1:" + gatewayPort;
    waitFor("the gateway at " + gatewayUrl + " (HTTPS, IAM)", () -> {
      JsonNode health = Json.tree(http.getBytes(gatewayUrl + "/health"));
      return health.path("tls").asBoolean() && health.path("iam").asBoolean();
    }, layout.log("master"));
    Files.write(layout.dir().resolve("ca.crt"), http.getBytes(gatewayUrl + "/ca/dcos-ca.crt"));
    writeClusterFile(layout, masterUrl, registeredAgents(http, masterUrl));
    printLogin(layout, admin);
    printSummary(layout, masterUrl);
    stopped.await();
    return 0;
  }

  /** The master's gateway flags: ports, the credentials file, and --insecure-dev if asked. */
  private List<String> withGateway(UpLayout layout, List<String> command) {
    command.addAll(List.of("--gateway-port", String.valueOf(gatewayPort), "--gateway-tls-port", String.valueOf(gatewayTlsPort),
        "--admin-credentials", layout.dir().resolve("admin-credentials").toString()));
    if (insecureDev) {
      command.add("--insecure-dev");
    }
    command.addAll(List.of("--agent-gateway-port", String.valueOf(agentGatewayPort)));
    if (internalAuth) {
      command.addAll(List.of("--internal-auth", "--agent-credentials", layout.dir().resolve("agent-credentials").toString()));
    }
    return command;
  }

  /** An agent's gateway flags and, with --internal-auth, its service account. */
  private List<String> withAgentGateway(UpLayout layout, List<String> command) {
    command.addAll(List.of("--gateway-port", String.valueOf(agentGatewayPort)));
    if (insecureDev) {
      command.add("--insecure-dev");
    }
    if (internalAuth) {
      command.addAll(List.of("--internal-auth", "--credentials", layout.dir().resolve("agent-credentials").toString()));
    }
    return command;
  }

  private void printLogin(UpLayout layout, AdminCredentials admin) {
    String gateway = "https://127.0.0.1:" + gatewayTlsPort;
    System.out.println();
    if (insecureDev) {
      System.out.println("!!! --insecure-dev: AUTHENTICATION IS OFF. Anyone who reaches " + gateway + " may do anything. !!!");
    }
    System.out.println("  gateway     " + gateway + "   (HTTP http://127.0.0.1:" + gatewayPort + " redirects; CA bundle "
        + layout.dir().resolve("ca.crt") + ")");
    System.out.println("Log in as the superuser '" + admin.uid() + "' (password in " + layout.dir().resolve("admin-credentials") + "):");
    System.out.println("  token=$(curl -s --cacert " + layout.dir().resolve("ca.crt") + " " + gateway
        + "/acs/api/v1/auth/login -H 'Content-Type: application/json' -d @" + layout.dir().resolve("admin-credentials")
        + " | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"token\"])')");
    System.out.println("  curl -s --cacert " + layout.dir().resolve("ca.crt") + " -H \"Authorization: token=$token\" " + gateway
        + "/mesos/master/state");
    if (internalAuth) {
      System.out.println("The master API (http://127.0.0.1:" + masterPort + ") and the agents' APIs want the same token.");
    }
    System.out.flush();
  }

  private List<String> javaCommand(String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+UseSerialGC",
        "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        "io.berth.node.Main"));
    command.addAll(List.of(args));
    return command;
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void waitFor(String what, Check check, Path logs) throws InterruptedException {
    long deadline = SystemTime.ticker().nanos() + READY_TIMEOUT.toNanos();
    while (SystemTime.ticker().nanos() < deadline) {
      try {
        if (check.ok()) {
          return;
        }
      } catch (Exception e) {
        log.debug("waiting for {}: {}", what, e.toString());
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("timed out after " + READY_TIMEOUT.toSeconds() + " s waiting for " + what
        + "; see the logs in " + logs);
  }

  private static List<JsonNode> registeredAgents(JsonHttp http, String masterUrl) {
    List<JsonNode> result = new ArrayList<>();
    Json.tree(http.getBytes(masterUrl + "/master/slaves")).path("slaves").forEach(s -> {
      if (s.path("active").asBoolean()) {
        result.add(s);
      }
    });
    return result;
  }

  private void writeClusterFile(UpLayout layout, String masterUrl, List<JsonNode> slaves) throws IOException {
    // As in DC/OS, the cluster's URLs go through the gateway (Admin Router); "direct" names the components' own
    // ports, for tools on this machine that talk to them without the gateway (with a token: internal auth).
    String gateway = "https://127.0.0.1:" + gatewayTlsPort;
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("master", gateway + "/mesos");
    cluster.put("marathon", gateway + "/marathon");
    cluster.put("metronome", gateway + "/metronome");
    cluster.put("direct", Map.of("master", masterUrl, "marathon", masterUrl + "/marathon", "metronome", masterUrl));
    cluster.put("gateway", gateway);
    cluster.put("gatewayHttp", "http://127.0.0.1:" + gatewayPort);
    cluster.put("caCertificate", layout.dir().resolve("ca.crt").toString());
    cluster.put("adminCredentials", layout.dir().resolve("admin-credentials").toString());
    cluster.put("internalAuth", internalAuth);
    cluster.put("zookeeper", "127.0.0.1:" + zkPort);
    List<Map<String, String>> agentList = new ArrayList<>();
    for (JsonNode s : slaves) {
      String ip = s.path("pid").asText().replaceFirst("^slave\\(1\\)@", "").replaceFirst(":.*$", "");
      agentList.add(Map.of("id", s.path("id").asText(), "ip", ip, "url", "http://" + ip + ":" + s.path("port").asInt(),
          "gateway", agentGatewayPort < 0 ? "" : "http://" + ip + ":" + agentGatewayPort));
    }
    agentList.sort(java.util.Comparator.comparing(a -> a.get("ip")));
    cluster.put("agents", agentList);
    cluster.put("tasks", masterUrl + "/berth/v1/tasks");
    cluster.put("dns", "127.0.0.1:" + dnsPort);
    cluster.put("mesosDns", "http://127.0.0.1:" + dnsHttpPort);
    cluster.put("logs", layout.dir().resolve("logs").toString());
    Path tmp = layout.clusterFile().resolveSibling("cluster.json.tmp");
    Files.write(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(cluster));
    Files.move(tmp, layout.clusterFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private void printSummary(UpLayout layout, String masterUrl) {
    System.out.println();
    System.out.println("Berth is up: 1 master, " + agents + " agent(s), runtime " + runtime);
    String gateway = "https://127.0.0.1:" + gatewayTlsPort;
    System.out.println("  master      " + gateway + "/mesos   (direct: " + masterUrl + "; Mesos operator API: /master/state)");
    System.out.println("  marathon    " + gateway + "/marathon   (direct: " + masterUrl + "/marathon)");
    System.out.println("  metronome   " + gateway + "/metronome   (direct: " + masterUrl + ")");
    System.out.println("  tasks       " + masterUrl + "/berth/v1/tasks");
    System.out.println("  zookeeper   127.0.0.1:" + zkPort);
    System.out.println("  dns         127.0.0.1:" + dnsPort + "   (dig @127.0.0.1 -p " + dnsPort + " leader.mesos; Mesos-DNS API http://127.0.0.1:" + dnsHttpPort + "/v1/version)");
    for (int n = 1; n <= agents; n++) {
      System.out.println("  agent-" + n + "     http://" + UpLayout.agentIp(n) + ":" + agentPort + "   ports " + UpLayout.agentPorts(hostPortsStart, n));
    }
    System.out.println("  cluster     " + layout.clusterFile());
    System.out.println("  logs        " + layout.dir().resolve("logs"));
    System.out.println("Press Ctrl-C to stop the cluster and all its tasks.");
    System.out.flush();
  }
}

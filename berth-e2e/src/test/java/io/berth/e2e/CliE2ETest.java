package io.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code berth} CLI end to end against {@code berth up}: cluster setup with the pinned CA, login and logout, the
 * config, nodes, tasks (logs, sandbox, kill), DNS, services, IAM, and bad input with its one line and exit code.
 * Marathon and Metronome commands are in {@link CliWorkloadE2ETest}, the terminal in {@link CliTerminalE2ETest}.
 */
class CliE2ETest {
  @TempDir
  static Path tmp;
  static BerthUp cluster;
  static CliProcess cli;
  static String setupOutput;

  @BeforeAll
  static void up() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "runc containers need root");
    cluster = new BerthUp(tmp.resolve("cluster"), 1, "runc").start();
    cli = new CliProcess(tmp.resolve("home"));
    setupOutput = cli.setup(cluster).out();
  }

  @AfterAll
  static void down() throws Exception {
    if (cluster != null) {
      cluster.close();
      cluster.reapTasks();
    }
  }

  static String caFingerprint() throws Exception {
    Process p = new ProcessBuilder("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in",
        cluster.dir.resolve("ca.crt").toString()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor();
    return out.substring(out.indexOf('=') + 1);
  }

  @Test
  void setupShowsAndPinsTheCaFingerprintAndKeepsSecretsOwnerOnly() throws Exception {
    String fingerprint = caFingerprint();
    assertThat(setupOutput).contains("SHA-256 fingerprint:    " + fingerprint).contains("is set up and attached; logged in as bootstrapuser");
    Path folder = Files.list(cli.configDir.resolve("clusters")).findFirst().orElseThrow();
    assertThat(Files.readAllBytes(folder.resolve("ca.crt"))).isEqualTo(Files.readAllBytes(cluster.dir.resolve("ca.crt")));
    for (String f : List.of("token", "ca.crt", "cluster.json", "attached")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(f)))).as(f).isEqualTo("rw-------");
    }
    String name = "127.0.0.1:" + cluster.gatewayTlsPort;
    assertThat(cli.run("cluster", "list").ok().out()).matches("(?s)NAME +ID +ATTACHED +LOGIN +URL\n" + name.replace(".", "\\.")
        + " +[0-9a-f]{16} +\\* +yes +https://127\\.0\\.0\\.1:" + cluster.gatewayTlsPort + "\n");
    JsonNode list = Json.tree(cli.run("cluster", "list", "--json").ok().out().getBytes());
    assertThat(list.get(0).path("caFingerprint").asText()).isEqualTo(fingerprint);
    assertThat(cli.run("config", "show", "cluster.url").ok().out()).isEqualTo(cluster.cluster().path("gateway").asText() + "\n");
    assertThat(cli.run("config", "show").ok().out()).contains("core.token              ********");
    cli.run("config", "set", "core.timeout", "45").ok();
    assertThat(cli.run("config", "show", "core.timeout").ok().out()).isEqualTo("45\n");
    cli.run("config", "set", "core.timeout", "soon").fails(1);
    cli.run("config", "set", "core.colour", "red").fails(1);
  }

  @Test
  void setupRefusesAnotherFingerprintAWrongPasswordAndPlainHttp() {
    CliProcess other = new CliProcess(tmp.resolve("other-home"));
    String gateway = cluster.cluster().path("gateway").asText();
    assertThat(other.run("cluster", "setup", gateway, "--username", "bootstrapuser", "--password-file",
        cluster.dir.resolve("admin-credentials").toString(), "--ca-fingerprint", "AA:BB").fails(1).err())
        .contains("is not the expected AA:BB");
    Path wrong = other.file("wrong.pw", "not-the-password\n");
    assertThat(other.run("cluster", "setup", gateway, "--username", "bootstrapuser", "--password-file", wrong.toString())
        .fails(1).err()).startsWith("berth: login as 'bootstrapuser' failed: ");
    other.run("cluster", "setup", "http://127.0.0.1:" + cluster.gatewayPort, "--username", "x", "--password-file", wrong.toString())
        .fails(1);
    assertThat(other.run("cluster", "setup", "https://127.0.0.1:1", "--username", "x", "--password-file", wrong.toString())
        .fails(2).err()).contains("cannot connect");
    assertThat(other.run("cluster", "list").ok().out()).isEqualTo("NAME  ID  ATTACHED  LOGIN  URL\n");
    assertThat(other.run("app", "list").fails(1).err()).isEqualTo("berth: no cluster is set up: run 'berth cluster setup <url>'\n");
  }

  @Test
  void nodesAreListedWithTheirDetails() {
    String agentId = cluster.cluster().path("agents").get(0).path("id").asText();
    assertThat(cli.run("node", "list").ok().out()).startsWith("HOSTNAME   IP         ID").contains(agentId)
        .containsPattern("127\\.0\\.0\\.2 +127\\.0\\.0\\.2 +" + agentId + " +agent +active");
    assertThat(Json.tree(cli.run("node", "list", "--json").ok().out().getBytes()).get(0).path("id").asText()).isEqualTo(agentId);
    assertThat(cli.run("node", "details", agentId).ok().out()).contains("hostname").contains("resources");
    assertThat(cli.run("node", "details", "no-such-agent").fails(1).err()).contains("no agent matches");
    cli.run("node", "log").fails(1);
  }

  @Test
  void nodeLogsTaskLogRedirectsAndJournalStreamsThroughTheLogsApi() throws Exception {
    String agentId = cluster.cluster().path("agents").get(0).path("id").asText();
    String time = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d: ";
    // --lines counts entries; an entry of the gateway's access log holds the lines of a 50 ms turn, each printed with
    // the entry's time: one entry is one time
    assertThat(cli.run("node", "log", "--leader", "--lines", "5").ok().out().lines().toList()).hasSizeGreaterThanOrEqualTo(5)
        .allMatch(line -> line.matches(time + ".*"));
    assertThat(cli.run("node", "log", "--leader", "--lines", "1").ok().out().lines().map(l -> l.substring(0, 21)).distinct())
        .hasSize(1);
    assertThat(cli.run("node", "log", "--leader", "--lines", "2000", "--component", "berth-master.service").ok().out())
        .containsPattern(time + "master running at http://127\\.0\\.0\\.1:" + cluster.masterPort);
    assertThat(cli.run("node", "log", agentId, "--lines", "2000", "--filter", "SYSLOG_IDENTIFIER:berth-agent").ok().out())
        .contains("as agent " + agentId).doesNotContain("master running at");
    assertThat(cli.run("node", "log", "--leader", "--filter", "BAD FIELD:x").fails(1).err()).contains("Invalid filter");
    cli.run("node", "log", "--leader", "--filter", "nocolon").fails(1);
    try (LogsApiProbe logs = new LogsApiProbe(cluster)) {
      // the master's task route answers 303 to the agent's route, which reads the sandbox
      cluster.launch(Map.of("id", "logged", "cmd", "echo first-line; echo second-line; sleep 600", "cpus", 0.1, "mem", 32));
      cluster.awaitState("logged", "TASK_RUNNING", Duration.ofSeconds(60));
      var redirect = logs.get("/system/v1/logs/v2/task/logged?skip=-1", "text/plain");
      assertThat(redirect.statusCode()).isEqualTo(303);
      String location = redirect.headers().firstValue("location").orElseThrow();
      assertThat(location).startsWith("/system/v1/agent/" + agentId + "/logs/v2/task/frameworks/berth-launcher-0000/"
          + "executors/logged/runs/").endsWith("/stdout?skip=-1");
      await().atMost(Duration.ofSeconds(20)).until(() -> logs.get(location, "text/plain").body().equals("second-line\n"));
      assertThat(logs.get("/system/v1/logs/v2/task/no-such-task", "text/plain").statusCode()).isEqualTo(404);
      // a follower of the master's journal sees a new entry: the gateway's access log line of a request
      List<String> stream = logs.follow("/system/v1/logs/v1/stream/?cursor=END");
      String requestId = logs.get("/mesos/master/slaves", "application/json").headers().firstValue("x-request-id").orElseThrow();
      await().atMost(Duration.ofSeconds(10)).until(() -> stream.stream().anyMatch(l -> l.startsWith("data: ") && l.contains(requestId)));
      assertThat(stream).anyMatch(l -> l.startsWith("id: "));
      // berth node log --follow prints new entries until it is stopped
      Process follow = cli.start("node", "log", "--leader", "--follow", "--lines", "1", "--component", "berth-gateway.service");
      List<String> followed = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread.ofVirtual().start(() -> {
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(follow.getInputStream(), StandardCharsets.UTF_8))) {
          lines.lines().forEach(followed::add);
        } catch (java.io.IOException e) {
          followed.add("read failed: " + e);
        }
      });
      try {
        await("node log --follow to print its first line").atMost(Duration.ofSeconds(30)).until(() -> !followed.isEmpty());
        String later = logs.get("/mesos/master/slaves", "application/json").headers().firstValue("x-request-id").orElseThrow();
        await("node log --follow to print a new entry").atMost(Duration.ofSeconds(15))
            .until(() -> followed.stream().anyMatch(l -> l.contains(later)));
        assertThat(followed).allMatch(l -> l.matches(time + ".*"));
      } finally {
        follow.destroy();
        follow.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      }
    }
    cli.run("task", "kill", "logged").ok();
  }

  @Test
  void taskLogsSandboxFollowAndKill() throws Exception {
    cluster.launch(Map.of("id", "talker", "cmd", "echo to-stderr >&2; i=0; while true; do i=$((i+1)); echo line-$i; sleep 0.2; done",
        "cpus", 0.1, "mem", 32));
    cluster.awaitState("talker", "TASK_RUNNING", Duration.ofSeconds(60));
    await().atMost(Duration.ofSeconds(30)).until(() -> cli.run("task", "log", "talker", "--lines", "3").out().lines().count() == 3);
    assertThat(cli.run("task", "list").ok().out()).containsPattern("talker +127\\.0\\.0\\.2 +TASK_RUNNING +talker +berth-launcher");
    assertThat(cli.run("task", "log", "talker", "--lines", "2").ok().out()).matches("line-\\d+\nline-\\d+\n");
    assertThat(cli.run("task", "log", "talker", "stderr").ok().out()).isEqualTo("to-stderr\n");
    assertThat(cli.run("task", "ls", "talker").ok().out()).contains("stdout\n").contains("stderr\n");
    assertThat(cli.run("task", "ls", "talker", "--long").ok().out()).startsWith("MODE").contains("-rw-");
    Process follow = cli.start("task", "log", "talker", "--follow", "--lines", "1");
    List<String> followed = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread.ofVirtual().start(() -> {
      try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(follow.getInputStream(), StandardCharsets.UTF_8))) {
        lines.lines().forEach(followed::add);
      } catch (java.io.IOException e) {
        followed.add("read failed: " + e);
      }
    });
    try {
      await("task log --follow to stream 6 lines").atMost(Duration.ofSeconds(30)).until(() -> followed.size() >= 6);
      int first = Integer.parseInt(followed.getFirst().substring("line-".length()));
      for (int n = 1; n <= 5; n++) {
        assertThat(followed.get(n)).isEqualTo("line-" + (first + n));
      }
      assertThat(follow.isAlive()).as("still following").isTrue();
    } finally {
      follow.destroy();
    }
    assertThat(cli.run("task", "log", "nothing-like-this").fails(1).err()).contains("no task matches 'nothing-like-this'");
    assertThat(cli.run("task", "kill", "talker").ok().out()).isEqualTo("Killing task talker\n");
    cluster.awaitState("talker", "TASK_KILLED", Duration.ofSeconds(30));
    assertThat(cli.run("task", "list", "talker").ok().out()).doesNotContain("talker ");
    assertThat(cli.run("task", "list", "talker", "--completed").ok().out()).contains("TASK_KILLED");
    assertThat(cli.run("task", "log", "talker", "stderr").ok().out()).isEqualTo("to-stderr\n");
  }

  @Test
  void dnsAndServices() {
    assertThat(cli.run("dns", "lookup", "leader.mesos").ok().out()).containsPattern("leader\\.mesos\\.? +127\\.0\\.0\\.1");
    cli.run("dns", "lookup", "no-such-name.mesos").fails(1);
    String services = cli.run("service", "list").ok().out();
    assertThat(services).startsWith("NAME").contains("marathon").contains("metronome");
    assertThat(Json.tree(cli.run("service", "list", "--json").ok().out().getBytes()).isArray()).isTrue();
    assertThat(cli.run("service", "log", "marathon").fails(1).err()).contains("runs inside the master");
    assertThat(cli.run("service", "log", "no-such-service").fails(1).err()).contains("no service 'no-such-service'");
  }

  @Test
  void usersGroupsServiceAccountsAndPermissions() throws Exception {
    Path pw = cli.file("carol.pw", "carol-password-1\n");
    assertThat(cli.run("security", "org", "users", "create", "carol", "--password-file", pw.toString(), "--description", "Carol")
        .ok().out()).isEqualTo("Created user carol\n");
    assertThat(cli.run("security", "org", "users", "list").ok().out()).containsPattern("carol +Carol +internal");
    assertThat(cli.run("security", "org", "users", "show", "carol").ok().out()).containsPattern("uid +carol\n")
        .containsPattern("description +Carol\n");
    assertThat(Json.tree(cli.run("security", "org", "users", "show", "carol", "--json").ok().out().getBytes()).path("uid").asText())
        .isEqualTo("carol");
    cli.run("security", "org", "users", "create", "carol", "--password-file", pw.toString()).fails(1);
    cli.run("security", "org", "groups", "create", "ops", "--description", "Operators").ok();
    cli.run("security", "org", "groups", "add-user", "ops", "carol").ok();
    assertThat(cli.run("security", "org", "groups", "list", "ops").ok().out()).contains("carol");
    cli.run("security", "org", "permissions", "grant", "carol", "dcos:adminrouter:service:marathon", "full").ok();
    assertThat(cli.run("security", "org", "permissions", "list", "carol").ok().out())
        .containsPattern("dcos:adminrouter:service:marathon +full +user");
    CliProcess carol = new CliProcess(tmp.resolve("carol-home"));
    carol.run("cluster", "setup", cluster.cluster().path("gateway").asText(), "--username", "carol", "--password-file", pw.toString()).ok();
    carol.run("app", "list").ok();
    assertThat(carol.run("node", "list").fails(1).err()).contains("permission denied").contains("dcos:adminrouter:ops:mesos");
    cli.run("security", "org", "permissions", "revoke", "carol", "dcos:adminrouter:service:marathon", "full").ok();
    carol.run("app", "list").fails(1);
    var keys = KeyPairGenerator.getInstance("RSA");
    keys.initialize(2048);
    Path pub = cli.file("ci.pub.pem", "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.generateKeyPair().getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n");
    cli.run("security", "org", "service-accounts", "create", "ci", "--public-key", pub.toString()).ok();
    assertThat(cli.run("security", "org", "service-accounts", "list").ok().out()).contains("ci");
    assertThat(cli.run("security", "org", "users", "list").ok().out()).doesNotContain("ci ");
    cli.run("security", "org", "service-accounts", "create", "ci2", "--public-key", "/no/such.pem").fails(1);
    cli.run("security", "org", "service-accounts", "delete", "ci").ok();
    cli.run("security", "org", "groups", "remove-user", "ops", "carol").ok();
    cli.run("security", "org", "groups", "delete", "ops").ok();
    cli.run("security", "org", "users", "delete", "carol").ok();
    assertThat(cli.run("security", "org", "users", "show", "carol").fails(1).err()).contains("carol");
  }
}

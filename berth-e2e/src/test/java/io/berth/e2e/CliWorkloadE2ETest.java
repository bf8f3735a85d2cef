package io.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Marathon and Metronome commands of the {@code berth} CLI end to end on {@code berth up} with runc: apps, groups,
 * pods, deployments and jobs with {@code --wait} (plain progress lines, as stdout is not a terminal), and bad input:
 * missing files, invalid JSON, unknown names, expired and refused logins, an unreachable cluster.
 */
class CliWorkloadE2ETest {
  @TempDir
  static Path tmp;
  static BerthUp cluster;
  static CliProcess cli;

  @BeforeAll
  static void up() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "runc containers need root");
    cluster = new BerthUp(tmp.resolve("cluster"), 1, "runc").start();
    cli = new CliProcess(tmp.resolve("home"));
    cli.setup(cluster);
  }

  @AfterAll
  static void down() throws Exception {
    if (cluster != null) {
      cluster.close();
      cluster.reapTasks();
    }
  }

  /**
   * An app with a health check that binds no host port: clusters of other test classes running at the same time may
   * share this cluster's host-port block, and a server losing its port would fail the deployment (as it should).
   */
  static final String WEB = """
      {"id": "/web", "cmd": "cd $MESOS_SANDBOX && echo serving | tee index.html && exec sleep 600", "cpus": 0.05, "mem": 32,
       "instances": 2, "healthChecks": [{"protocol": "COMMAND", "command": {"value": "test -f $MESOS_SANDBOX/index.html"},
       "intervalSeconds": 1, "delaySeconds": 0, "gracePeriodSeconds": 30}]}""";

  @Test
  void appLifecycleWithWaitTablesAndVersions() {
    String add = cli.run("app", "add", cli.file("web.json", WEB).toString(), "--wait").ok().out();
    assertThat(add).startsWith("Created deployment ").contains("/web: 2/2 running, 2/2 healthy, done\n")
        .containsPattern("Deployment [0-9a-f-]+ finished\\.\n$").doesNotContain("\033").doesNotContain("[#");
    assertThat(cli.run("marathon", "app", "list").ok().out())
        .containsPattern("/web +32 +0\\.05 +2/2 +2/2 +- +cd \\$MESOS_SANDBOX && echo serving \\| t\\.\\.\\.");
    JsonNode shown = Json.tree(cli.run("app", "show", "/web").ok().out().getBytes());
    assertThat(shown.path("instances").asInt()).isEqualTo(2);
    assertThat(cli.run("app", "update", "/web", "instances=3", "--wait").ok().out()).contains("/web: 3/3 running, 3/3 healthy, done");
    String logs = cli.run("task", "log", "web").ok().out();
    assertThat(logs.lines().filter(l -> l.startsWith("===> web.instance-")).count()).as(logs).isEqualTo(3);
    assertThat(logs.lines().filter(l -> l.equals("serving")).count()).as(logs).isEqualTo(3);
    assertThat(cli.run("task", "log", "web", "--follow").fails(1).err()).contains("3 tasks match 'web'");
    assertThat(cli.run("app", "version", "list", "/web").ok().out().lines().count()).isEqualTo(3);
    assertThat(cli.run("app", "version", "list", "/web", "--max-count", "1", "--json").ok().out()).startsWith("[");
    assertThat(cli.run("app", "restart", "web", "--wait").ok().out()).contains("finished.");
    JsonNode tasks = Json.tree(cli.run("marathon", "task", "list", "/web", "--json").ok().out().getBytes());
    assertThat(tasks).hasSize(3);
    String task = tasks.get(0).path("id").asText();
    assertThat(cli.run("marathon", "task", "list").ok().out()).containsPattern("/web +true +\\S+ +127\\.0\\.0\\.2 +" + task.replace(".", "\\."));
    assertThat(Json.tree(cli.run("marathon", "task", "show", task).ok().out().getBytes()).path("appId").asText()).isEqualTo("/web");
    assertThat(cli.run("marathon", "task", "stop", task).ok().out()).isEqualTo("Stopped task " + task + "\n");
    assertThat(cli.run("marathon", "task", "kill", "--scale", tasks.get(1).path("id").asText()).ok().out()).startsWith("Created deployment");
    assertThat(cli.run("dns", "lookup", "web.marathon.mesos").ok().out()).contains("127.0.0.2");
    assertThat(cli.run("marathon", "deployment", "list").ok().out()).containsPattern("^APP +POD +ACTION +PROGRESS +ID\n");
    assertThat(cli.run("app", "kill", "/web").ok().out()).startsWith("Killed ");
    assertThat(cli.run("app", "remove", "/web", "--wait").ok().out()).contains("/web: removed\n");
    assertThat(cli.run("app", "show", "/web").fails(1).err()).isEqualTo("berth: App '/web' does not exist\n");
  }

  @Test
  void waitEndsWithExitTwoWhenTheDeploymentFailsOrTimesOut() {
    String failing = "{\"id\": \"/crash\", \"cmd\": \"exit 3\", \"cpus\": 0.05, \"mem\": 16, \"instances\": 1}";
    assertThat(cli.runWithInput(failing, "app", "add", "--wait").fails(2).err()).contains("failed").contains("TASK_FAILED");
    cli.run("app", "remove", "/crash", "--force").ok();
    String unhealthy = "{\"id\": \"/sick\", \"cmd\": \"sleep 600\", \"cpus\": 0.05, \"mem\": 16, \"instances\": 1,"
        + " \"healthChecks\": [{\"protocol\": \"HTTP\", \"path\": \"/\", \"intervalSeconds\": 1, \"gracePeriodSeconds\": 600}]}";
    String created = cli.runWithInput(unhealthy, "app", "add").ok().out();
    String deployment = created.strip().substring("Created deployment ".length());
    assertThat(cli.run("marathon", "deployment", "list", "/sick").ok().out()).contains(deployment);
    assertThat(cli.run("marathon", "deployment", "watch", deployment, "--timeout", "2").fails(2).err())
        .contains("is not finished after 2 s");
    assertThat(cli.run("marathon", "deployment", "rollback", deployment, "--wait").ok().out()).contains("/sick: removed");
    cli.run("app", "show", "/sick").fails(1);
    cli.run("marathon", "deployment", "watch", deployment).fails(1);
  }

  @Test
  void aServiceRunByMarathonShowsItsSchedulersLog() {
    // Healthy no sooner than 4 s after it starts: the deployment is still running when `deployment watch` begins.
    String created = cli.runWithInput("{\"id\": \"/svc\", \"cmd\": \"echo scheduler-started; echo oops >&2; sleep 600\", \"cpus\": 0.02,"
        + " \"mem\": 16, \"healthChecks\": [{\"protocol\": \"COMMAND\", \"command\": {\"value\": \"true\"}, \"delaySeconds\": 4}]}",
        "app", "add").ok().out();
    String deployment = created.strip().substring("Created deployment ".length());
    assertThat(cli.run("marathon", "deployment", "watch", deployment).ok().out())
        .contains("/svc: 1/1 running, 1/1 healthy, done\n").endsWith("Deployment " + deployment + " finished.\n");
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .until(() -> cli.run("service", "log", "svc").out().equals("scheduler-started\n"));
    assertThat(cli.run("service", "log", "svc", "stderr").ok().out()).isEqualTo("oops\n");
    cli.run("app", "remove", "/svc", "--wait").ok();
    cli.run("service", "log", "svc").fails(1);
  }

  @Test
  void groupsAndPods() {
    String group = """
        {"id": "/shop", "apps": [{"id": "/shop/cart", "cmd": "sleep 600", "cpus": 0.02, "mem": 16}],
         "groups": [{"id": "/shop/back", "apps": [{"id": "/shop/back/db", "cmd": "sleep 600", "cpus": 0.02, "mem": 16}]}]}""";
    assertThat(cli.run("marathon", "group", "add", cli.file("shop.json", group).toString(), "--wait").ok().out())
        .contains("/shop/cart: 1/1 running, done").contains("/shop/back/db: 1/1 running, done");
    assertThat(cli.run("marathon", "group", "list").ok().out()).containsPattern("/shop +1 +0\n/shop/back +1 +0\n");
    assertThat(Json.tree(cli.run("marathon", "group", "show", "/shop/back").ok().out().getBytes()).path("apps").get(0).path("id").asText())
        .isEqualTo("/shop/back/db");
    assertThat(cli.run("marathon", "group", "scale", "/shop", "2", "--wait").ok().out()).contains("/shop/back/db: 2/2 running, done");
    cli.run("marathon", "group", "scale", "/shop", "-1").fails(1);
    cli.run("marathon", "group", "update", "/shop", "--file", cli.file("shop.json", group).toString(), "--wait").ok();
    assertThat(cli.run("marathon", "group", "remove", "/shop", "--wait").ok().out()).contains("/shop/cart: removed");
    cli.run("marathon", "group", "show", "/shop").fails(1);
    String pod = """
        {"id": "/pod1", "scaling": {"kind": "fixed", "instances": 1},
         "containers": [{"name": "c1", "resources": {"cpus": 0.02, "mem": 16}, "exec": {"command": {"shell": "sleep 600"}}}]}""";
    Path podFile = cli.file("pod.json", pod);
    assertThat(cli.run("marathon", "pod", "add", podFile.toString(), "--wait").ok().out()).startsWith("Created pod /pod1\n")
        .contains("/pod1: 1/1 stable, done\n").endsWith("Pod /pod1 is stable.\n");
    assertThat(cli.run("marathon", "pod", "list").ok().out()).containsPattern("/pod1 +1 +1 ");
    assertThat(Json.tree(cli.run("marathon", "pod", "show", "/pod1").ok().out().getBytes()).path("id").asText()).isEqualTo("/pod1");
    cli.run("marathon", "pod", "update", "/pod1", podFile.toString()).ok();
    String instance = Json.tree(cli.run("marathon", "pod", "show", "/pod1", "--status").ok().out().getBytes())
        .path("instances").get(0).path("id").asText();
    assertThat(cli.run("marathon", "pod", "kill", "/pod1", instance).ok().out()).isEqualTo("Killed instance " + instance + "\n");
    cli.run("marathon", "pod", "kill", "/pod1", "pod1.instance-unknown").fails(1);
    assertThat(cli.run("marathon", "pod", "remove", "/pod1", "--force", "--wait").ok().out()).endsWith("Pod /pod1 removed.\n");
    cli.run("marathon", "pod", "show", "/pod1").fails(1);
  }

  @Test
  void jobsSchedulesRunsAndHistory() {
    Path job = cli.file("hello-job.json", "{\"id\": \"hello.job\", \"run\": {\"cmd\": \"echo hello; sleep 1\", \"cpus\": 0.05, \"mem\": 32, \"disk\": 0}}");
    assertThat(cli.run("job", "add", job.toString()).ok().out()).isEqualTo("Created job hello.job\n");
    assertThat(cli.run("job", "list").ok().out()).containsPattern("hello\\.job +Idle +- +N/A +0 +0");
    cli.run("job", "update", "hello.job", job.toString()).ok();
    Path schedule = cli.file("nightly.json", "{\"id\": \"nightly\", \"cron\": \"0 3 * * *\", \"timezone\": \"Europe/Berlin\"}");
    assertThat(cli.run("job", "schedule", "add", "hello.job", schedule.toString()).ok().out()).startsWith("Added schedule nightly");
    assertThat(cli.run("job", "schedule", "show", "hello.job").ok().out()).containsPattern("nightly +0 3 \\* \\* \\* +Europe/Berlin +true");
    cli.runWithInput("{\"id\": \"nightly\", \"cron\": \"0 4 * * *\", \"timezone\": \"UTC\"}", "job", "schedule", "update", "hello.job").ok();
    assertThat(cli.run("job", "schedule", "show", "hello.job").ok().out()).contains("0 4 * * *");
    cli.run("job", "schedule", "remove", "hello.job", "nightly").ok();
    String run = cli.run("job", "run", "hello.job", "--wait").ok().out();
    assertThat(run).startsWith("Started run ").containsPattern("hello\\.job \\w+: SUCCESS\n").contains("succeeded.");
    assertThat(cli.run("job", "history", "hello.job").ok().out()).containsPattern("\\w+ +SUCCESS +\\S+ +\\S+");
    assertThat(Json.tree(cli.run("job", "show", "hello.job").ok().out().getBytes()).path("history").path("successCount").asInt()).isEqualTo(1);
    cli.runWithInput("{\"id\": \"fail.job\", \"run\": {\"cmd\": \"exit 7\", \"cpus\": 0.05, \"mem\": 32, \"disk\": 0}}", "job", "add").ok();
    assertThat(cli.run("job", "run", "fail.job", "--wait").fails(2).err()).contains("of job fail.job failed");
    assertThat(cli.run("job", "history", "fail.job", "--failures").ok().out()).contains("FAILED");
    cli.runWithInput("{\"id\": \"long.job\", \"run\": {\"cmd\": \"sleep 600\", \"cpus\": 0.05, \"mem\": 32, \"disk\": 0}}", "job", "add").ok();
    String longRun = cli.run("job", "run", "long.job").ok().out().split(" ")[2];
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .until(() -> cli.run("task", "list", "long_job").out().contains("TASK_RUNNING"));
    assertThat(cli.run("task", "kill", "long_job").fails(1).err()).contains("berth job kill long.job " + longRun);
    assertThat(cli.run("job", "kill", "long.job", "--all").ok().out()).startsWith("Stopped run ");
    for (String id : new String[] {"hello.job", "fail.job", "long.job"}) {
      cli.run("job", "remove", id, "--stop-current-job-runs").ok();
    }
    assertThat(cli.run("job", "show", "hello.job").fails(1).err()).isEqualTo("berth: Job not found: hello.job\n");
  }

  @Test
  void badInputGivesOneClearLineAndExitOne() throws Exception {
    assertThat(cli.run("app", "add", "/no/such/app.json").fails(1).err()).isEqualTo("berth: no such file: /no/such/app.json\n");
    Path broken = cli.file("broken.json", "{\"id\": \"/x\", \"cpus\": }");
    assertThat(cli.run("app", "add", broken.toString()).fails(1).err()).startsWith("berth: " + broken + " is not valid JSON: ");
    assertThat(cli.runWithInput("{\"id\": \"/x\", \"cpus\": \"many\", \"cmd\": \"sleep 1\"}", "app", "add").fails(1).err())
        .isEqualTo("berth: Invalid JSON (/cpus: error.expected.jsnumber)\n");
    assertThat(cli.run("app", "update", "/nope", "instances=2").fails(1).err())
        .contains("Object is not valid").contains("must either contain one of 'cmd' or 'args'");
    assertThat(cli.run("app", "restart", "/no-such-app").fails(1).err()).isEqualTo("berth: App '/no-such-app' does not exist\n");
    cli.run("app", "update", "/web", "instances").fails(1);
    cli.run("job", "run", "no-such-job").fails(1);
  }

  @Test
  void expiredOrRefusedLoginsSayToLogInAgainAndLoginRestoresAccess() throws Exception {
    Path folder = Files.list(cli.configDir.resolve("clusters")).findFirst().orElseThrow();
    String good = Files.readString(folder.resolve("token"));
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String expired = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes()) + "."
        + b64.encodeToString(("{\"uid\":\"bootstrapuser\",\"exp\":" + Instant.parse("2020-01-01T00:00:00Z").getEpochSecond() + "}")
        .getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    try {
      Files.writeString(folder.resolve("token"), expired);
      assertThat(cli.run("app", "list").fails(1).err()).contains("expired at 2020-01-01T00:00:00Z").contains("berth auth login");
      Files.writeString(folder.resolve("token"), "not-a-token");
      assertThat(cli.run("node", "list").fails(1).err()).contains("refused the login token").contains("berth auth login");
      cli.run("auth", "login", "--username", "bootstrapuser", "--password-file", cluster.dir.resolve("admin-credentials").toString()).ok();
      cli.run("app", "list").ok();
      assertThat(cli.run("auth", "logout").ok().out()).startsWith("Logged out");
      assertThat(cli.run("app", "list").fails(1).err()).contains("not logged in").contains("berth auth login");
      cli.run("auth", "login").fails(1);
    } finally {
      Files.writeString(folder.resolve("token"), good);
    }
    cli.run("app", "list").ok();
  }

  @Test
  void anUnreachableClusterIsExitTwo() throws Exception {
    Path folder = Files.list(cli.configDir.resolve("clusters")).findFirst().orElseThrow();
    JsonNode config = Json.tree(Files.readAllBytes(folder.resolve("cluster.json")));
    String name = config.path("name").asText();
    Path copy = Files.createDirectories(folder.resolveSibling("0000000000000000"));
    for (String f : new String[] {"ca.crt", "token"}) {
      Files.copy(folder.resolve(f), copy.resolve(f));
    }
    Files.writeString(copy.resolve("cluster.json"), "{\"id\":\"0000000000000000\",\"name\":\"gone\",\"url\":\"https://127.0.0.1:1\","
        + "\"caFingerprint\":\"00\",\"timeoutSeconds\":5}");
    cli.run("cluster", "attach", "gone").ok();
    try {
      assertThat(cli.run("app", "list").fails(2).err()).isEqualTo("berth: cannot connect to the cluster: GET https://127.0.0.1:1/marathon/v2/apps"
          + "?embed=apps.deployments&embed=apps.lastTaskFailure (connection refused)\n");
    } finally {
      cli.run("cluster", "attach", name).ok();
    }
    assertThat(cli.run("cluster", "remove", "gone").ok().out()).startsWith("Removed cluster 'gone'");
    cli.run("cluster", "attach", "gone").fails(1);
    cli.run("app", "list").ok();
  }
}

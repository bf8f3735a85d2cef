package io.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code berth} CLI in a real terminal (tmux, read back with {@code capture-pane}): progress bars redrawn in place
 * for deployments and job runs, {@code task log --follow} ended by Ctrl-C, and bash completion from the generated script.
 */
class CliTerminalE2ETest {
  @TempDir
  static Path tmp;
  static BerthUp cluster;
  static CliProcess cli;
  static Path berth;
  static final String SOCKET = "berth-cli-test-" + ThreadLocalRandom.current().nextInt(1_000_000);

  @BeforeAll
  static void up() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "runc containers need root");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "tmux is needed (bin/lib.sh installs it)");
    cluster = new BerthUp(tmp.resolve("cluster"), 1, "runc").start();
    cli = new CliProcess(tmp.resolve("home"));
    cli.setup(cluster);
    berth = Files.createDirectories(tmp.resolve("bin")).resolve("berth");
    Files.writeString(berth, "#!/bin/sh\nexport BERTH_CONFIG_DIR='" + cli.configDir + "'\nexec "
        + CliProcess.command().stream().map(a -> "'" + a + "'").collect(Collectors.joining(" ")) + " \"$@\"\n");
    Files.setPosixFilePermissions(berth, PosixFilePermissions.fromString("rwx------"));
  }

  @AfterAll
  static void down() throws Exception {
    exec("tmux", "-L", SOCKET, "kill-server");
    if (cluster != null) {
      cluster.close();
      cluster.reapTasks();
    }
  }

  static String exec(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  /** Runs {@code shell} in a new 150x40 tmux session; the pane (held open by a {@code read}) keeps the output after it ends. */
  static void tmux(String session, String shell) throws Exception {
    exec("tmux", "-L", SOCKET, "new-session", "-d", "-s", session, "-x", "150", "-y", "40",
        shell + "; echo EXIT=$?; read -r _");
  }

  static String pane(String session) throws Exception {
    return exec("tmux", "-L", SOCKET, "capture-pane", "-p", "-t", session);
  }

  static String awaitPane(String session, String text) {
    List<String> seen = new ArrayList<>();
    await(session + " to show " + text).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
      seen.add(pane(session));
      return seen.getLast().contains(text);
    });
    return seen.getLast();
  }

  static int count(String text, String part) {
    Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void aDeploymentsProgressBarIsRedrawnInPlaceUntilItIsDone() throws Exception {
    Path app = cli.file("tty.json", "{\"id\": \"/tty\", \"cmd\": \"sleep 600\", \"cpus\": 0.05, \"mem\": 32, \"instances\": 2,"
        + " \"healthChecks\": [{\"protocol\": \"COMMAND\", \"command\": {\"value\": \"true\"}, \"intervalSeconds\": 1, \"delaySeconds\": 0,"
        + " \"gracePeriodSeconds\": 30}]}");
    tmux("deploy", berth + " app add " + app + " --wait");
    String screen = awaitPane("deploy", "EXIT=");
    assertThat(screen).contains("EXIT=0").contains("/tty  [####################]  2/2 running, 2/2 healthy, done")
        .containsPattern("Deployment [0-9a-f-]+ finished\\.");
    assertThat(count(screen, "/tty  [")).as("one progress line, redrawn in place:\n" + screen).isEqualTo(1);
    assertThat(screen).doesNotContain("\033").doesNotContain("/tty: ");
    // Removed before the cluster stops: Marathon would replace tasks that the stopping agents kill.
    cli.run("app", "remove", "/tty", "--wait").ok();
  }

  @Test
  void aJobRunsPhasesEndInAFullBar() throws Exception {
    cli.runWithInput("{\"id\": \"tty.job\", \"run\": {\"cmd\": \"sleep 1\", \"cpus\": 0.05, \"mem\": 32, \"disk\": 0}}", "job", "add").ok();
    tmux("job", berth + " job run tty.job --wait");
    String screen = awaitPane("job", "EXIT=");
    assertThat(screen).contains("EXIT=0").containsPattern("tty\\.job \\w+  \\[####################\\]  SUCCESS")
        .contains("succeeded.");
    assertThat(Pattern.compile("tty\\.job \\w+  \\[").matcher(screen).results().count())
        .as("one progress line, redrawn in place:\n" + screen).isEqualTo(1);
  }

  @Test
  void taskLogFollowStreamsUntilCtrlC() throws Exception {
    cluster.launch(Map.of("id", "ticker", "cmd", "i=0; while true; do i=$((i+1)); echo tick-$i; sleep 0.2; done", "cpus", 0.05, "mem", 16));
    cluster.awaitState("ticker", "TASK_RUNNING", Duration.ofSeconds(60));
    tmux("follow", berth + " task log ticker --follow --lines 1");
    awaitPane("follow", "tick-");
    String before = pane("follow");
    await().atMost(Duration.ofSeconds(30)).until(() -> count(pane("follow"), "tick-") >= count(before, "tick-") + 5);
    exec("tmux", "-L", SOCKET, "send-keys", "-t", "follow", "C-c");
    assertThat(awaitPane("follow", "EXIT=")).contains("EXIT=130");
    cli.run("task", "kill", "ticker").ok();
  }

  @Test
  void interactiveSetupAsksToConfirmTheFingerprintThenForTheCredentials() throws Exception {
    Path home = tmp.resolve("interactive-home");
    String password = io.berth.common.json.Json.tree(Files.readAllBytes(cluster.dir.resolve("admin-credentials"))).path("password").asText();
    tmux("setup", berth + " cluster setup " + cluster.cluster().path("gateway").asText() + " --config-dir " + home);
    assertThat(awaitPane("setup", "[yes/no]:")).contains("SHA-256 fingerprint:");
    type("setup", "yes");
    awaitPane("setup", "Username:");
    type("setup", "bootstrapuser");
    awaitPane("setup", "Password for bootstrapuser:");
    type("setup", password);
    String screen = awaitPane("setup", "EXIT=");
    assertThat(screen).contains("EXIT=0").contains("logged in as bootstrapuser").doesNotContain(password);
    assertThat(new CliProcess(home).run("app", "list", "--config-dir", home.toString()).ok().out()).startsWith("ID");
    tmux("refuse", berth + " cluster setup " + cluster.cluster().path("gateway").asText() + " --config-dir " + tmp.resolve("refused"));
    awaitPane("refuse", "[yes/no]:");
    type("refuse", "no");
    assertThat(awaitPane("refuse", "EXIT=")).contains("berth: setup cancelled: the CA fingerprint was not confirmed").contains("EXIT=1");
  }

  static void type(String session, String text) throws Exception {
    // "--": the generated password may start with '-', which tmux would take for its flags (and type nothing).
    exec("tmux", "-L", SOCKET, "send-keys", "-t", session, "-l", "--", text);
    exec("tmux", "-L", SOCKET, "send-keys", "-t", session, "Enter");
  }

  @Test
  void zshLoadsTheGeneratedScript() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")), "zsh is needed (bin/lib.sh installs it)");
    String out = exec("zsh", "-c", "source <('" + berth + "' completion zsh) && echo \"registered: ${_comps[berth]}\"");
    assertThat(out).contains("registered: _bash_complete -F _complete_berth");
  }

  @Test
  void bashCompletesNounsAndVerbsFromTheGeneratedScript() throws Exception {
    String script = "source <('" + berth + "' completion bash)\n"
        + "COMP_WORDS=(berth marathon ap); COMP_CWORD=2; COMP_LINE='berth marathon ap'; COMP_POINT=${#COMP_LINE}\n"
        + "_complete_berth; echo \"verbs: ${COMPREPLY[*]}\"\n"
        + "COMP_WORDS=(berth jo); COMP_CWORD=1; COMP_LINE='berth jo'; COMP_POINT=${#COMP_LINE}\n"
        + "_complete_berth; echo \"nouns: ${COMPREPLY[*]}\"\n";
    String out = exec("bash", "-c", script);
    assertThat(out).contains("verbs: app").contains("nouns: job");
  }
}

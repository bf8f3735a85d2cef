package io.berth.agent.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.ContainerState;
import io.berth.agent.runtime.ExitStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Output, exit codes and what a container sees, with real runc. */
class RuncRuntimeTest extends RuncTestBase {

  @Test
  void stdoutAndStderrArePlainFilesInTheSandbox() {
    String id = RuncFixture.newId();
    ContainerSpec spec = fixture.shell(id, "echo out1; echo err1 >&2; echo out2; printf 'no newline'");

    runtime.start(spec);
    ExitStatus exit = exitOf(runtime.awaitExit(id));

    assertThat(exit).isEqualTo(new ExitStatus(0, null, false, null));
    assertThat(exit.success()).isTrue();
    assertThat(read(spec.stdout())).isEqualTo("out1\nout2\nno newline");
    assertThat(read(spec.stderr())).isEqualTo("err1\n");
    assertThat(runtime.state(id)).isEqualTo(new ContainerState.Exited(exit));
    assertThat(runtime.list()).contains(id);
  }

  @Test
  void aStartedContainerIsRunningForRuncAsAfterRuncStart() {
    String id = RuncFixture.newId();
    runtime.start(fixture.shell(id, "sleep 30"));

    // started through runc's exec FIFO, not `runc start`: runc itself must see the container as running
    assertThat(runtime.runc().root().resolve(id).resolve(ExecFifo.NAME)).doesNotExist();
    assertThat(runtime.runc().state(id)).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("running"));
    assertThat(ExecFifo.release(runtime.runc().root(), id, Duration.ofSeconds(1))).as("nothing left to release").isFalse();
    runtime.signal(id, 9);
    assertThat(exitOf(runtime.awaitExit(id)).signal()).isEqualTo(9);
  }

  @Test
  void exitCodeIsReported() {
    String id = RuncFixture.newId();
    runtime.start(fixture.shell(id, "exit 3"));

    ExitStatus exit = exitOf(runtime.awaitExit(id));

    assertThat(exit.exitCode()).isEqualTo(3);
    assertThat(exit.signal()).isNull();
    assertThat(exit.oomKilled()).isFalse();
    assertThat(exit.message()).isEqualTo("Command exited with status 3");
  }

  @Test
  void exitThatNobodyAwaitedIsReportedLater() {
    String id = RuncFixture.newId();
    runtime.start(fixture.shell(id, "exit 7"));
    await().atMost(TIMEOUT).until(() -> Files.exists(runtime.exits().exitFile(id)));

    assertThat(exitOf(runtime.awaitExit(id)).exitCode()).isEqualTo(7);
    assertThat(exitOf(runtime.awaitExit(id)).exitCode()).as("again").isEqualTo(7);
  }

  @Test
  void containerSeesHostReadOnlyAndItsSandboxWritable() {
    String id = RuncFixture.newId();
    String script = String.join("; ",
        "pwd",
        "echo \"FOO=$FOO\"",
        "echo \"PATH=$PATH\"",
        "hostname",
        "if touch /usr/berth-test 2>/dev/null; then echo usr-writable; else echo usr-readonly; fi",
        "echo data > written && echo sandbox-writable",
        "echo tmp > /tmp/x && echo tmp-writable",
        "echo discarded > /dev/null && echo dev-null",
        "test -x /usr/bin/python3 && echo python3-visible",
        "cat /proc/1/cmdline | tr '\\0' ' '; echo");
    ContainerSpec spec = fixture.spec(id, List.of("/bin/sh", "-c", script), Map.of("FOO", "bar baz"), null,
        "berth-test-host");

    runtime.start(spec);
    ExitStatus exit = exitOf(runtime.awaitExit(id));

    assertThat(read(spec.stderr())).isEmpty();
    assertThat(exit.exitCode()).isZero();
    List<String> lines = read(spec.stdout()).lines().toList();
    assertThat(lines).startsWith(ContainerSpec.SANDBOX_MOUNT, "FOO=bar baz", "PATH=" + OciSpecWriter.DEFAULT_PATH,
        "berth-test-host", "usr-readonly", "sandbox-writable", "tmp-writable", "dev-null", "python3-visible");
    if (RuncFixture.hasTini()) {
      assertThat(lines.getLast()).startsWith(RuncConfig.find("tini").orElseThrow() + " -g -- /bin/sh -c");
    }
    assertThat(spec.sandbox().resolve("written")).hasContent("data");
    assertThat(Path.of("/usr/berth-test")).doesNotExist();
  }

  @Test
  void execRunsInsideTheRunningContainerWithItsEnvironmentAndWorkingDirectory() throws Exception {
    String id = RuncFixture.newId();
    ContainerSpec spec = fixture.spec(id, List.of("/bin/sh", "-c", "echo ready > marker; exec sleep 600"),
        Map.of("FOO", "from-the-task"), null, "exec-host");
    runtime.start(spec);
    await().atMost(TIMEOUT).until(() -> Files.exists(spec.sandbox().resolve("marker")));

    Process p = runtime.exec(id, List.of("/bin/sh", "-c", "pwd; echo $FOO; hostname; cat marker; test -w /usr || echo ro"),
        Map.of("FOO", "not-this"), spec.sandbox());
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    assertThat(out.lines().toList()).containsExactly(ContainerSpec.SANDBOX_MOUNT, "from-the-task", "exec-host", "ready", "ro");
    Process failing = runtime.exec(id, List.of("/bin/sh", "-c", "exit 4"), Map.of(), spec.sandbox());
    assertThat(failing.waitFor()).isEqualTo(4);

    runtime.signal(id, 9);
    exitOf(runtime.awaitExit(id));
    assertThat(runtime.exec(id, List.of("true"), Map.of(), spec.sandbox()).waitFor()).as("not running").isNotZero();
  }

  @Test
  void hiddenPathsAreEmptyInsideEvenWhenTheSandboxLivesThere() throws IOException {
    // outside /tmp (the container's /tmp is its own tmpfs, and a checkout may live under /tmp): /var/tmp
    Path workDir = Files.createDirectories(Path.of("/var/tmp", "berth-work-" + UUID.randomUUID()));
    Path visible = Files.createDirectories(Path.of("/var/tmp", "berth-visible-" + UUID.randomUUID()));
    try {
      Files.writeString(workDir.resolve("secret"), "s3cret");
      Files.writeString(visible.resolve("public"), "hello");
      RuncRuntime hiding = fixture.open(fixture.config().withHiddenPaths(List.of(workDir)));
      String id = RuncFixture.newId();
      Path sandbox = Files.createDirectories(workDir.resolve("sandboxes").resolve(id));
      ContainerSpec spec = new ContainerSpec(id, sandbox, List.of("/bin/sh", "-c",
          "ls -A " + workDir + " | wc -l; cat " + visible + "/public; echo; echo mine > in-sandbox; cat "
              + workDir + "/secret"), Map.of(), null, null);

      hiding.start(spec);
      ExitStatus exit = exitOf(hiding.awaitExit(id));

      assertThat(read(spec.stdout()).lines().toList()).containsExactly("0", "hello");
      assertThat(sandbox.resolve("in-sandbox")).hasContent("mine");
      assertThat(exit.exitCode()).isNotZero();
    } finally {
      new ContainerDir(workDir).delete();
      new ContainerDir(visible).delete();
    }
  }

  @Test
  void outputOfALongerRunKeepsItsOrder() {
    String id = RuncFixture.newId();
    ContainerSpec spec = fixture.shell(id, "i=0; while [ $i -lt 2000 ]; do echo line$i; i=$((i+1)); done");

    runtime.start(spec);
    exitOf(runtime.awaitExit(id));

    List<String> lines = read(spec.stdout()).lines().toList();
    assertThat(lines).hasSize(2000);
    assertThat(lines.getFirst()).isEqualTo("line0");
    assertThat(lines.getLast()).isEqualTo("line1999");
  }

  @Test
  void conmonIsNotInTheJvmsSessionOrProcessGroup() throws IOException {
    String id = RuncFixture.newId();
    runtime.start(fixture.shell(id, "sleep 1000"));
    long conmonPid = runtime.dir(id).conmonPid().orElseThrow();

    String[] conmon = stat(conmonPid);
    String[] self = stat(ProcessHandle.current().pid());

    assertThat(conmon[1]).as("conmon's parent").isNotEqualTo(Long.toString(ProcessHandle.current().pid()));
    assertThat(conmon[2]).as("process group").isNotEqualTo(self[2]);
    assertThat(conmon[3]).as("session").isNotEqualTo(self[3]).isEqualTo(Long.toString(conmonPid));
    runtime.signal(id, 9);
    assertThat(exitOf(runtime.awaitExit(id)).signal()).isEqualTo(9);
  }

  @Test
  void containersShareOneReadOnlySkeletonThatOutlivesThemAndARestart() throws IOException {
    String first = RuncFixture.newId();
    String second = RuncFixture.newId();
    runtime.start(fixture.shell(first, "sleep 1000"));
    runtime.start(fixture.shell(second, "exit 0"));
    exitOf(runtime.awaitExit(second));
    Path root = rootOf(first);

    assertThat(rootOf(second)).isEqualTo(root);
    assertThat(root).isAbsolute().startsWith(fixture.stateDir.resolve("rootfs")).isDirectory();
    assertThat(runtime.dir(first).root().resolve("rootfs")).as("no rootfs per container").doesNotExist();

    runtime.remove(second);
    RuncRuntime restarted = fixture.open(); // recovery and collection of skeletons with a container running
    assertThat(root.resolve("usr")).as("kept while a container uses it").isDirectory();
    assertThat(restarted.state(first)).isInstanceOf(ContainerState.Running.class);
    restarted.remove(first);
    assertThat(root.resolve("usr")).as("a container's removal never deletes the skeleton").isDirectory();

    String third = RuncFixture.newId();
    ContainerSpec spec = fixture.shell(third, "test -d /usr/bin && echo host-visible");
    restarted.start(spec);
    exitOf(restarted.awaitExit(third));
    assertThat(read(spec.stdout())).isEqualTo("host-visible\n");
    assertThat(rootOf(third)).isEqualTo(root);
  }

  private Path rootOf(String id) throws IOException {
    return Path.of(io.berth.common.json.Json.tree(Files.readAllBytes(runtime.dir(id).config()))
        .path("root").path("path").asText());
  }

  /** {@code /proc/<pid>/stat} fields after the command name: state, ppid, pgrp, session. */
  private static String[] stat(long pid) throws IOException {
    String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    return text.substring(text.lastIndexOf(')') + 2).split(" ");
  }
}

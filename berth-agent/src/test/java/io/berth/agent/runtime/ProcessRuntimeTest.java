package io.berth.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes. */
class ProcessRuntimeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  Path state;
  Path sandbox;
  ProcessRuntime runtime;

  @BeforeEach
  void setUp() throws Exception {
    state = dir.resolve("state");
    sandbox = Files.createDirectories(dir.resolve("sandbox"));
    runtime = new ProcessRuntime(state);
  }

  @AfterEach
  void tearDown() {
    for (String id : runtime.list()) {
      runtime.signal(id, 9);
    }
    runtime.close();
  }

  private ContainerSpec spec(String id, String shell) {
    return spec(id, shell, Map.of());
  }

  private ContainerSpec spec(String id, String shell, Map<String, String> env) {
    return new ContainerSpec(id, sandbox, List.of("/bin/sh", "-c", shell), env,
        new ContainerSpec.Limits(1, 64, 100), "host");
  }

  private static ExitStatus exitOf(ContainerRuntime runtime, String id) throws Exception {
    return runtime.awaitExit(id).get(10, TimeUnit.SECONDS);
  }

  @Test
  void runsTheCommandInTheSandboxWithItsEnvironmentAndRecordsOutputAndExitCode() throws Exception {
    runtime.start(spec("c1", "echo out-$GREETING; echo err >&2; pwd; exit 3", Map.of("GREETING", "hi")));

    assertThat(exitOf(runtime, "c1")).isEqualTo(ExitStatus.exited(3));
    assertThat(Files.readString(sandbox.resolve("stdout"))).isEqualTo("out-hi\n" + sandbox.toRealPath() + "\n");
    assertThat(Files.readString(sandbox.resolve("stderr"))).isEqualTo("err\n");
    assertThat(runtime.state("c1")).isEqualTo(new ContainerState.Exited(ExitStatus.exited(3)));
    assertThat(runtime.list()).containsExactly("c1");
  }

  @Test
  void sigtermEndsTheWholeProcessGroup() throws Exception {
    runtime.start(spec("c2", "sleep 300 & sleep 301; wait"));
    assertThat(runtime.state("c2")).isInstanceOf(ContainerState.Running.class);
    long pid = ((ContainerState.Running) runtime.state("c2")).pid();
    List<ProcessHandle> children = ProcessHandle.of(pid).orElseThrow().descendants().toList();

    runtime.signal("c2", 15);

    assertThat(exitOf(runtime, "c2").exitCode()).isEqualTo(143);
    await().atMost(WAIT).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
  }

  @Test
  void processesOutliveTheRuntimeAndANewInstanceFindsThemAndTheirExit() throws Exception {
    runtime.start(spec("c3", "while [ ! -f go ]; do sleep 0.02; done; exit 5"));
    runtime.start(spec("c4", "sleep 300"));
    runtime.close();

    Files.writeString(sandbox.resolve("go"), "");
    ProcessRuntime again = new ProcessRuntime(state);
    try {
      assertThat(again.list()).containsExactly("c3", "c4");
      assertThat(exitOf(again, "c3")).isEqualTo(ExitStatus.exited(5));
      assertThat(again.state("c4")).isInstanceOf(ContainerState.Running.class);
      again.signal("c4", 9);
      assertThat(exitOf(again, "c4").exitCode()).isEqualTo(137);
      again.remove("c3");
      again.remove("c4");
      assertThat(again.list()).isEmpty();
      assertThat(again.state("c4")).isInstanceOf(ContainerState.Unknown.class);
    } finally {
      again.close();
      runtime = new ProcessRuntime(state);
    }
  }

  @Test
  void anExitThatHappensWhileNobodyWaitsIsKept() throws Exception {
    runtime.start(spec("c5", "exit 0"));
    await().atMost(WAIT).until(() -> runtime.state("c5") instanceof ContainerState.Exited);

    assertThat(exitOf(runtime, "c5")).isEqualTo(ExitStatus.exited(0));
  }

  @Test
  void aMissingCommandExitsWith127() throws Exception {
    runtime.start(new ContainerSpec("c6", sandbox, List.of("/no/such/program"), Map.of(), null, "h"));

    assertThat(exitOf(runtime, "c6").exitCode()).isEqualTo(127);
  }

  @Test
  void refusesWhatItCannotDo() {
    runtime.start(spec("c7", "sleep 300"));

    assertThatThrownBy(() -> runtime.start(spec("c7", "true"))).isInstanceOf(ContainerException.class)
        .hasMessageContaining("already exists");
    assertThatThrownBy(() -> runtime.remove("c7")).isInstanceOf(ContainerException.class)
        .hasMessageContaining("running");
    assertThatThrownBy(() -> runtime.start(spec("../x", "true"))).isInstanceOf(ContainerException.class)
        .hasMessageContaining("invalid container id");
    assertThatThrownBy(() -> runtime.start(new ContainerSpec("c8", dir.resolve("missing"), List.of("true"), Map.of(),
        null, "h"))).isInstanceOf(ContainerException.class);
    assertThat(runtime.state("nope")).isInstanceOf(ContainerState.Unknown.class);
    assertThat(runtime.awaitExit("nope")).isCompletedExceptionally();
    runtime.signal("nope", 15); // no-op
    runtime.remove("nope"); // idempotent
  }
}

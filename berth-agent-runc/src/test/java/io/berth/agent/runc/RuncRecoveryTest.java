package io.berth.agent.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.agent.runtime.ContainerException;
import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.ContainerState;
import io.berth.agent.runtime.ExitStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Agent restarts, removal, and starts that fail: nothing is lost, nothing is left behind. */
class RuncRecoveryTest extends RuncTestBase {

  @Test
  void aNewInstanceFindsARunningContainerAndSeesItsExit() {
    String id = RuncFixture.newId();
    runtime.start(fixture.shell(id, "sleep 1000"));
    long pid = awaitRunning(runtime, id);
    runtime.close(); // the agent stops; the container and its conmon go on
    assertThat(runtime.dir(id).containerPidFile()).as("kept for the next instance").exists();

    RuncRuntime restarted = fixture.open();
    assertThat(restarted.list()).containsExactly(id);
    assertThat(restarted.state(id)).isEqualTo(new ContainerState.Running(pid));
    CompletableFuture<ExitStatus> exit = restarted.awaitExit(id);
    assertThat(exit).isNotDone();

    restarted.signal(id, 9);

    assertThat(exitOf(exit).exitCode()).isEqualTo(137);
  }

  @Test
  void anExitWhileNoInstanceRunsIsReportedByTheNextOne() throws IOException {
    String id = RuncFixture.newId();
    ContainerSpec spec = fixture.shell(id, "echo waiting; while [ ! -e stop ]; do sleep 0.05; done; exit 4");
    runtime.start(spec);
    awaitLine(spec.stdout(), "waiting");
    runtime.close();

    Files.writeString(spec.sandbox().resolve("stop"), "");
    await().atMost(TIMEOUT).until(() -> Files.exists(runtime.exits().exitFile(id)));
    RuncRuntime restarted = fixture.open();

    assertThat(restarted.list()).containsExactly(id);
    assertThat(restarted.state(id)).isInstanceOfSatisfying(ContainerState.Exited.class,
        e -> assertThat(e.status().exitCode()).isEqualTo(4));
    assertThat(exitOf(restarted.awaitExit(id)).exitCode()).isEqualTo(4);
  }

  @Test
  void aContainerWhosePidFilesWentWithTheTmpfsIsDiscardedAsAfterAReboot() throws IOException {
    String id = RuncFixture.newId();
    runtime.start(fixture.shell(id, "sleep 1000"));
    ContainerDir dir = runtime.dir(id);
    assertThat(dir.containerPidFile()).as("pid files on a tmpfs, not in the bundle")
        .satisfies(f -> assertThat(Files.getFileStore(f).type()).isEqualTo("tmpfs"))
        .hasContent(Long.toString(awaitRunning(runtime, id)));
    runtime.close();
    // a reboot: the container and its monitor end, the tmpfs is empty again; the bundle stays on disk
    fixture.conmons(Optional.of(id)).forEach(ProcessHandle::destroyForcibly);
    runtime.runc().kill(id, 9, true);
    ContainerDir.deleteTree(dir.run());

    RuncRuntime restarted = fixture.open();

    assertThat(restarted.list()).isEmpty();
    assertThat(restarted.state(id)).isEqualTo(new ContainerState.Unknown());
    assertThat(dir.root()).doesNotExist();
    assertThat(fixture.runcContainers()).isEmpty();
  }

  @Test
  void aContainerWhoseMonitorWasKilledEndsWithAnUnknownStatus() {
    String id = RuncFixture.newId();
    runtime.start(fixture.shell(id, "sleep 1000"));
    CompletableFuture<ExitStatus> exit = runtime.awaitExit(id);
    fixture.conmons(Optional.of(id)).forEach(ProcessHandle::destroyForcibly);
    await().atMost(TIMEOUT).until(() -> fixture.conmons(Optional.of(id)).isEmpty());
    assertThat(runtime.state(id)).as("still runs, unmonitored").isInstanceOf(ContainerState.Running.class);

    runtime.signal(id, 9);

    ContainerState state = await().atMost(TIMEOUT)
        .until(() -> runtime.state(id), s -> s instanceof ContainerState.Exited);
    ExitStatus lost = ((ContainerState.Exited) state).status();
    assertThat(lost.exitCode()).isEqualTo(-1);
    assertThat(lost.message()).contains("conmon");
    assertThat(exitOf(runtime.awaitExit(id))).isEqualTo(lost);
    assertThat(exitOf(exit)).as("no exit file comes: the new awaitExit's look completed it").isEqualTo(lost);
  }

  @Test
  void removeLeavesNothingAndIsIdempotent() {
    String id = RuncFixture.newId();
    runtime.start(fixture.shell(id, "sleep 1000"));
    awaitRunning(runtime, id);
    assertThat(fixture.conmons(Optional.of(id))).hasSize(1);
    assertThat(fixture.runcContainers()).containsExactly(id);

    runtime.remove(id);

    assertNothingLeft(runtime, id);
    runtime.remove(id);
    assertNothingLeft(runtime, id);
  }

  @Test
  void removeAfterExitLeavesNothingAndTheLastRemovalAfterCloseTakesTheRunDir() {
    String id = RuncFixture.newId();
    runtime.start(fixture.shell(id, "exit 0"));
    exitOf(runtime.awaitExit(id));
    runtime.close(); // as an agent stops: the exited container's removal comes after
    assertThat(runtime.runDir()).as("a container is left").isDirectory();

    runtime.remove(id);

    assertNothingLeft(runtime, id);
    assertThat(runtime.awaitExit(id)).isCompletedExceptionally();
    assertThat(runtime.runDir()).as("no container left: no pid files to keep").doesNotExist();
  }


  @Test
  void aCommandThatDoesNotExistExits127UnderTini() {
    assumeTrue(RuncFixture.hasTini(), "without an init, start fails instead (see the next test)");
    String id = RuncFixture.newId();
    ContainerSpec spec = fixture.spec(id, List.of("/nonexistent/binary", "x"));

    runtime.start(spec);
    ExitStatus exit = exitOf(runtime.awaitExit(id));

    assertThat(exit.exitCode()).isEqualTo(127);
    assertThat(read(spec.stderr())).contains("exec /nonexistent/binary failed: No such file or directory");
    runtime.remove(id);
    assertNothingLeft(runtime, id);
  }

  @Test
  void aCommandThatDoesNotExistFailsTheStartWithoutAnInit() {
    RuncRuntime noInit = fixture.open(fixture.config().withInit(Optional.empty()));
    String id = RuncFixture.newId();

    assertThatThrownBy(() -> noInit.start(fixture.spec(id, List.of("/nonexistent/binary"))))
        .isInstanceOf(ContainerException.class)
        .hasMessageContaining("/nonexistent/binary")
        .hasMessageContaining("no such file or directory");
    assertNothingLeft(noInit, id);
  }

  @Test
  void aFailedCreateLeavesNothing() {
    String id = RuncFixture.newId();
    ContainerSpec spec = fixture.spec(id, List.of("true"), Map.of(), null, "h".repeat(100));

    assertThatThrownBy(() -> runtime.start(spec))
        .isInstanceOf(ContainerException.class)
        .hasMessageContaining("cannot create container " + id)
        .hasMessageContaining("hostname");
    assertNothingLeft(runtime, id);
  }

  @Test
  void startRejectsDuplicatesAndBadInput() {
    String id = RuncFixture.newId();
    runtime.start(fixture.shell(id, "sleep 1000"));

    assertThatThrownBy(() -> runtime.start(fixture.shell(id, "true"))).hasMessageContaining("already exists");
    assertThatThrownBy(() -> runtime.start(fixture.shell("../evil", "true"))).hasMessageContaining("invalid");
    assertThat(runtime.state(id)).isInstanceOf(ContainerState.Running.class);
    assertThat(runtime.state("never-started")).isInstanceOf(ContainerState.Unknown.class);
    assertThat(runtime.awaitExit("never-started")).isCompletedExceptionally();
  }
}

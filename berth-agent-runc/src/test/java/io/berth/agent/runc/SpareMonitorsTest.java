package io.berth.agent.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.berth.agent.runtime.ContainerException;
import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.ContainerState;
import io.berth.agent.runtime.StartReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Containers started through a monitor started ahead of them ({@link SpareMonitors}), and spares nobody used. */
class SpareMonitorsTest extends RuncTestBase {

  @Test
  void aContainerStartsThroughASpareMonitorAndBehavesAsAnyOther() {
    String id = awaitPreparedId(runtime);
    assertThat(fixture.conmons(Optional.of(id))).as("its monitor runs before its container").hasSize(1);
    assertThat(fixture.gates(Optional.of(id))).hasSize(1);
    assertThat(runtime.list()).as("not a container yet").isEmpty();
    ContainerSpec spec = fixture.shell(id, "echo out; echo err >&2; exit 3");

    StartReport report = runtime.start(spec);

    assertThat(report.steps()).contains("spare monitor");
    assertThat(exitOf(runtime.awaitExit(id)).exitCode()).isEqualTo(3);
    assertThat(read(spec.stdout())).isEqualTo("out\n");
    assertThat(read(spec.stderr())).isEqualTo("err\n");
    assertThat(runtime.dir(id).gate()).as("removed once the container was created").doesNotExist();
    assertThat(runtime.list()).containsExactly(id);
    runtime.remove(id);
    assertNothingLeft(runtime, id);
    String next = awaitPreparedId(runtime);
    assertThat(next).as("the next spare is made").isNotEqualTo(id);
  }

  @Test
  void aSpareMonitorWatchesItsContainerAsConmonDoesSignalsAndRestartsIncluded() {
    String id = awaitPreparedId(runtime);
    runtime.start(fixture.shell(id, "sleep 1000"));
    long pid = awaitRunning(runtime, id);
    runtime.close();

    RuncRuntime restarted = fixture.open();

    assertThat(restarted.state(id)).isEqualTo(new ContainerState.Running(pid));
    restarted.signal(id, 15);
    assertThat(exitOf(restarted.awaitExit(id)).exitCode()).isEqualTo(143);
  }

  @Test
  void aTakenIdThatIsRemovedBeforeItsStartLeavesNothing() {
    String id = awaitPreparedId(runtime);

    runtime.remove(id);

    assertThat(fixture.conmons(Optional.of(id))).isEmpty();
    assertThat(fixture.gates(Optional.of(id))).isEmpty();
    assertThat(spares()).as("only the next spare, if it is made yet").allMatch(s -> !s.endsWith(id)).hasSizeLessThanOrEqualTo(1);
    assertThat(runtime.dir(id).run()).doesNotExist();
    assertThat(runtime.start(fixture.shell(id, "sleep 1000")).steps())
        .as("released: a start under it is an ordinary one").doesNotContain("spare");
    runtime.remove(id);
    assertNothingLeft(runtime, id);
  }

  @Test
  void aStartThatFailsBeforeOrAtItsSpareMonitorLeavesNothing() throws IOException {
    String noSandbox = awaitPreparedId(runtime);
    ContainerSpec spec = fixture.shell(noSandbox, "true");
    Files.delete(spec.sandbox());
    assertThatThrownBy(() -> runtime.start(spec)).isInstanceOf(ContainerException.class)
        .hasMessageContaining("does not exist");
    assertNothingLeft(runtime, noSandbox);

    String badHostname = awaitPreparedId(runtime);
    assertThatThrownBy(() -> runtime.start(fixture.spec(badHostname, List.of("true"), java.util.Map.of(), null,
        "h".repeat(100)))).isInstanceOf(ContainerException.class).hasMessageContaining("hostname");
    assertNothingLeft(runtime, badHostname);
    assertThat(fixture.gates(Optional.of(noSandbox))).as("the failed starts' gates are gone").isEmpty();
    assertThat(fixture.gates(Optional.of(badHostname))).isEmpty();
  }

  @Test
  void aReadySpareWhoseMonitorWasKilledIsNotHandedOut() {
    String taken = awaitPreparedId(runtime);
    await().atMost(TIMEOUT).until(() -> gates().size() == 2); // the taken one and the next, ready one
    String ready = gates().stream().flatMap(g -> g.info().arguments().stream()).map(args -> args[args.length - 1])
        .filter(id -> !id.equals(taken)).findFirst().orElseThrow(); // runc's last argument: the container id
    fixture.conmons(Optional.of(ready)).forEach(ProcessHandle::destroyForcibly);
    await().atMost(TIMEOUT).until(() -> fixture.conmons(Optional.of(ready)).isEmpty());

    String next = awaitPreparedId(runtime);

    assertThat(next).as("the dead spare was skipped").isNotEqualTo(ready);
    assertThat(fixture.gates(Optional.of(ready))).as("its gate was killed with it").isEmpty();
    assertThat(spareDir(ready)).doesNotExist();
    assertThat(runtime.start(fixture.shell(next, "exit 0")).steps()).contains("spare monitor");
    assertThat(exitOf(runtime.awaitExit(next)).exitCode()).isZero();
    runtime.remove(next);
    runtime.remove(taken);
    assertNothingLeft(runtime, next);
  }

  @Test
  void closeKillsTheSparesNobodyStarted() {
    String taken = awaitPreparedId(runtime);
    await().atMost(TIMEOUT).until(() -> gates().size() == 2); // the taken one and the next, ready one

    runtime.close();

    assertThat(fixture.conmons(Optional.empty())).isEmpty();
    assertThat(gates()).isEmpty();
    assertThat(spares()).isEmpty();
    assertThat(runtime.takePreparedId()).as("closed").isEmpty();
    assertThat(runtime.dir(taken).run()).doesNotExist();
  }

  @Test
  void sparesOfAKilledAgentAreKilledByTheNextRuntime() throws IOException {
    String taken = awaitPreparedId(runtime);
    await().atMost(TIMEOUT).until(() -> gates().size() == 2);
    // the agent dies after renaming the taken spare to its bundle, before its container was created
    Files.move(spareDir(taken), runtime.dir(taken).root());

    RuncRuntime restarted = fixture.open(); // the old runtime is not closed, as after kill -9

    assertThat(fixture.conmons(Optional.empty())).isEmpty();
    assertThat(gates()).isEmpty();
    assertThat(spares()).isEmpty();
    assertThat(restarted.list()).isEmpty();
    assertThat(runtime.dir(taken).run()).doesNotExist();
  }

  /** Waits until the runtime has a spare ready and takes it. */
  private static String awaitPreparedId(RuncRuntime runtime) {
    AtomicReference<String> id = new AtomicReference<>();
    await().atMost(TIMEOUT).until(() -> {
      runtime.takePreparedId().ifPresent(id::set);
      return id.get() != null;
    });
    return id.get();
  }

  private Path spareDir(String id) {
    return fixture.config().stateDir().resolve("spares").resolve(id);
  }

  private List<Path> spares() {
    try (Stream<Path> dirs = Files.list(fixture.config().stateDir().resolve("spares"))) {
      return dirs.toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private List<ProcessHandle> gates() {
    return fixture.gates();
  }
}

package io.berth.agent.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.ExitStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Signals reach the container's processes; exit codes follow the shell (128 + signal). */
class RuncSignalTest extends RuncTestBase {

  @Test
  void sigtermEndsAShellRunningSleep() {
    String id = RuncFixture.newId();
    runtime.start(fixture.shell(id, "sleep 1000"));
    CompletableFuture<ExitStatus> exit = runtime.awaitExit(id);
    assertThat(awaitRunning(runtime, id)).isPositive();

    runtime.signal(id, 15);

    ExitStatus status = exitOf(exit);
    assertThat(status.exitCode()).isEqualTo(143);
    assertThat(status.signal()).isEqualTo(15);
    assertThat(status.oomKilled()).isFalse();
    assertThat(status.message()).isEqualTo("Command terminated with signal Terminated");
  }

  @Test
  void sigtermEndsAPlainSleepUnderTini() {
    assumeTrue(RuncFixture.hasTini(), "a command as pid 1 ignores SIGTERM without an init (apt-get install tini)");
    String id = RuncFixture.newId();
    runtime.start(fixture.spec(id, List.of("sleep", "1000")));
    CompletableFuture<ExitStatus> exit = runtime.awaitExit(id);

    runtime.signal(id, 15);

    assertThat(exitOf(exit).exitCode()).isEqualTo(143);
  }

  @Test
  void aProcessThatIgnoresSigtermDiesOnSigkill() {
    String id = RuncFixture.newId();
    // a helper in the same process group shows that SIGTERM arrived; the shell and its sleep ignore it
    ContainerSpec spec = fixture.shell(id, "trap '' TERM; "
        + "(trap 'echo got-term; exit 0' TERM; echo ready; while :; do sleep 0.05; done) & sleep 1000");
    runtime.start(spec);
    CompletableFuture<ExitStatus> exit = runtime.awaitExit(id);
    awaitLine(spec.stdout(), "ready");

    runtime.signal(id, 15);
    awaitLine(spec.stdout(), "got-term");
    assertThat(exit).isNotDone();
    runtime.signal(id, 9);

    ExitStatus status = exitOf(exit);
    assertThat(status.exitCode()).as("killed by SIGKILL, not by SIGTERM").isEqualTo(137);
    assertThat(status.signal()).isEqualTo(9);
  }

  @Test
  void signalsToAnExitedOrUnknownContainerAreIgnored() {
    String id = RuncFixture.newId();
    runtime.start(fixture.shell(id, "true"));
    exitOf(runtime.awaitExit(id));

    runtime.signal(id, 15);
    runtime.signal(id, 9);
    runtime.signal("never-started", 9);

    assertThat(exitOf(runtime.awaitExit(id)).exitCode()).isZero();
  }
}

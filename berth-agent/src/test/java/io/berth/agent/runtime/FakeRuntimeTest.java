package io.berth.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeRuntimeTest {
  private final FakeRuntime runtime = new FakeRuntime();

  private static ContainerSpec spec(String id) {
    return new ContainerSpec(id, Path.of("/tmp"), List.of("true"), Map.of("MESOS_TASK_ID", "t-" + id), null, "h");
  }

  @Test
  void containersRunUntilTheTestEndsThem() {
    runtime.start(spec("a"));
    var exit = runtime.awaitExit("a");
    assertThat(runtime.state("a")).isInstanceOf(ContainerState.Running.class);
    assertThat(exit).isNotDone();

    runtime.exit("a", ExitStatus.exited(4));

    assertThat(exit).isCompletedWithValue(ExitStatus.exited(4));
    assertThat(runtime.state("a")).isEqualTo(new ContainerState.Exited(ExitStatus.exited(4)));
    assertThat(runtime.specOfTask("t-a")).contains(spec("a"));
    runtime.remove("a");
    assertThat(runtime.list()).isEmpty();
  }

  @Test
  void sigtermEndsWith143UnlessIgnoredAndSigkillAlwaysEndsWith137() {
    runtime.start(spec("a"));
    runtime.signal("a", 15);
    assertThat(runtime.awaitExit("a")).isCompletedWithValue(ExitStatus.signalled(15));

    runtime.ignoreSigterm(true);
    runtime.start(spec("b"));
    runtime.signal("b", 15);
    assertThat(runtime.state("b")).isInstanceOf(ContainerState.Running.class);
    runtime.signal("b", 9);
    assertThat(runtime.awaitExit("b").join().exitCode()).isEqualTo(137);
    assertThat(runtime.signals("b")).containsExactly(15, 9);
  }

  @Test
  void startsCanBeMadeToFail() {
    runtime.failStarts("boom");
    assertThatThrownBy(() -> runtime.start(spec("a"))).isInstanceOf(ContainerException.class).hasMessage("boom");
    assertThat(runtime.list()).isEmpty();
    runtime.failStarts(null);
    runtime.start(spec("a"));
    assertThatThrownBy(() -> runtime.remove("a")).isInstanceOf(ContainerException.class);
  }
}

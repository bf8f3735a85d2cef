package io.berth.agent.runc;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.ContainerSpec.Limits;
import io.berth.agent.runtime.ExitStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** cgroup limits are applied (read back from the container's cgroup) and memory limitation is reported. */
class RuncLimitsTest extends RuncTestBase {
  private final CgroupReader cgroups = CgroupReader.detect();

  @Test
  void limitsAreWrittenToTheContainersCgroup() {
    String id = RuncFixture.newId();
    runtime.start(fixture.spec(id, List.of("/bin/sh", "-c", "sleep 1000"), Map.of(), new Limits(0.5, 64, 100),
        null));
    awaitRunning(runtime, id);
    String cgroup = "/berth/" + id;
    Path memory = cgroups.memoryDir(cgroup).orElseThrow();

    switch (cgroups.version()) {
      case V1 -> {
        assertThat(memory.resolve("memory.limit_in_bytes")).hasContent("67108864");
        if (Files.exists(memory.resolve("memory.memsw.limit_in_bytes"))) {
          assertThat(memory.resolve("memory.memsw.limit_in_bytes")).hasContent("67108864");
        }
        Path cpu = v1Dir("cpu", cgroup);
        assertThat(cpu.resolve("cpu.shares")).hasContent("512");
        assertThat(cpu.resolve("cpu.cfs_quota_us")).hasContent("50000");
        assertThat(cpu.resolve("cpu.cfs_period_us")).hasContent("100000");
        assertThat(v1Dir("pids", cgroup).resolve("pids.max")).hasContent("100");
      }
      case V2 -> {
        assertThat(memory.resolve("memory.max")).hasContent("67108864");
        assertThat(memory.resolve("memory.swap.max")).hasContent("0");
        assertThat(memory.resolve("cpu.max")).hasContent("50000 100000");
        assertThat(memory.resolve("pids.max")).hasContent("100");
      }
    }
    runtime.signal(id, 9);
    exitOf(runtime.awaitExit(id));
    runtime.remove(id);
    assertThat(memory).as("runc delete removes the cgroup").doesNotExist();
  }

  @Test
  void aChildKilledByTheOomKillerMarksTheExitAsOomKilled() {
    String id = RuncFixture.newId();
    // the shell survives its child (the biggest process): the exit code alone would say success
    String script = "python3 -c 'a = bytearray(200 * 1024 * 1024)'; echo \"python exited $?\"";
    ContainerSpec spec = fixture.spec(id, List.of("/bin/sh", "-c", script), Map.of(), new Limits(0.5, 64, 100),
        null);

    runtime.start(spec);
    ExitStatus exit = exitOf(runtime.awaitExit(id));

    assertThat(read(spec.stdout())).isEqualTo("python exited 137\n");
    assertThat(exit.exitCode()).isZero();
    assertThat(exit.oomKilled()).isTrue();
    assertThat(exit.success()).isFalse();
    assertThat(exit.message()).startsWith("Memory limit exceeded: Requested: 64MB Maximum Used: ");
    runtime.remove(id);
    assertThat(cgroups.memoryDir("/berth/" + id).orElseThrow()).doesNotExist();
  }

  @Test
  void theMainProcessKilledByTheOomKiller() {
    String id = RuncFixture.newId();
    ContainerSpec spec = fixture.spec(id, List.of("python3", "-c", "a = bytearray(200 * 1024 * 1024)"), Map.of(),
        new Limits(1, 32, 100), null);

    runtime.start(spec);
    ExitStatus exit = exitOf(runtime.awaitExit(id));

    assertThat(exit.exitCode()).isEqualTo(137);
    assertThat(exit.signal()).isEqualTo(9);
    assertThat(exit.oomKilled()).isTrue();
    assertThat(exit.message()).startsWith("Memory limit exceeded: Requested: 32MB");
  }

  @Test
  void thePidsLimitStopsForks() {
    String id = RuncFixture.newId();
    // dash gives up (status 2) when a fork fails
    String script = "(for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sleep 1000 & done); echo \"loop exited $?\"";
    ContainerSpec spec = fixture.spec(id, List.of("/bin/sh", "-c", script), Map.of(), new Limits(0.5, 64, 8),
        null);

    runtime.start(spec);
    ExitStatus exit = exitOf(runtime.awaitExit(id));

    assertThat(read(spec.stdout())).isEqualTo("loop exited 2\n");
    assertThat(read(spec.stderr())).contains("Cannot fork");
    assertThat(exit.exitCode()).isZero();
  }

  private static Path v1Dir(String controller, String cgroup) {
    return Path.of("/sys/fs/cgroup", controller).resolve(cgroup.substring(1));
  }
}

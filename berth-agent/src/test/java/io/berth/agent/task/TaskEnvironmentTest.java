package io.berth.agent.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.agent.runtime.ContainerSpec;
import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.PortRange;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskEnvironmentTest {
  private static TaskInfo task(PortRanges ports, List<String> names, Map<String, String> env) {
    return new TaskInfo("t.1", "t", "fw", "agent", new Resources(1, 32, 0, 0, ports),
        new CommandInfo(true, "x", List.of(), env, null, List.of()), names, Map.of(), 0);
  }

  @Test
  void isolatingRuntimesSeeTheSandboxAtTheMesosMountPoint() {
    TaskInfo t = task(PortRanges.NONE, List.of(), Map.of());
    Path sandbox = Path.of("/var/lib/berth/sandboxes/t.1");

    assertThat(new TaskEnvironment("10.0.0.1", true).of(t, "a1", sandbox))
        .containsEntry("MESOS_SANDBOX", ContainerSpec.SANDBOX_MOUNT)
        .containsEntry("MESOS_DIRECTORY", sandbox.toString())
        .doesNotContainKeys("PORT", "PORTS", "PORT0");
    assertThat(new TaskEnvironment("10.0.0.1", false).of(t, "a1", sandbox))
        .containsEntry("MESOS_SANDBOX", sandbox.toString());
    assertThat(TaskEnvironment.isolatesFilesystem("runc")).isTrue();
    assertThat(TaskEnvironment.isolatesFilesystem("process")).isFalse();
    assertThat(TaskEnvironment.isolatesFilesystem("fake")).isFalse();
  }

  @Test
  void portsAreLowestFirstAndNamedPortsAreSanitised() {
    TaskInfo t = task(PortRanges.of(new PortRange(40000, 40000), new PortRange(31000, 31001)),
        List.of("http", "", "my.admin-port"), Map.of());

    Map<String, String> env = new TaskEnvironment("h", false).of(t, "a1", Path.of("/s"));

    assertThat(env).containsEntry("PORT0", "31000").containsEntry("PORT1", "31001").containsEntry("PORT2", "40000")
        .containsEntry("PORT", "31000").containsEntry("PORTS", "31000,31001,40000")
        .containsEntry("PORT_HTTP", "31000").containsEntry("PORT_MY_ADMIN_PORT", "40000")
        .doesNotContainKey("PORT3");
  }

  @Test
  void theCommandsOwnEnvironmentWins() {
    Map<String, String> env = new TaskEnvironment("h", false)
        .of(task(PortRanges.NONE, List.of(), Map.of("HOST", "custom", "X", "y")), "a1", Path.of("/s"));

    assertThat(env).containsEntry("HOST", "custom").containsEntry("X", "y").containsEntry("MESOS_AGENT_ID", "a1");
  }

  @Test
  void argvFollowsMesos() {
    assertThat(TaskEnvironment.argv(CommandInfo.shell("echo $HOME"))).containsExactly("/bin/sh", "-c", "echo $HOME");
    assertThat(TaskEnvironment.argv(new CommandInfo(false, "/bin/ls", List.of("ls", "-l"), Map.of(), null, List.of())))
        .containsExactly("/bin/ls", "-l");
    assertThat(TaskEnvironment.argv(new CommandInfo(false, "/bin/true", List.of(), Map.of(), null, List.of())))
        .containsExactly("/bin/true");
    assertThat(TaskEnvironment.argv(new CommandInfo(false, null, List.of("sleep", "1"), Map.of(), null, List.of())))
        .containsExactly("sleep", "1");
  }
}

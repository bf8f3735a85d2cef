package io.berth.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentLogTest {
  @Test
  void readsTheRuntimesStartLines(@TempDir Path dir) throws IOException {
    Path log = Files.writeString(dir.resolve("agent-1.log"), """
        14:23:26.187 INFO  [berth-agent] TaskRunner - starting task launch-1 in container 4b7c
        14:23:26.246 INFO  [berth-agent-io-start-4b7c] RuncRuntime - container 4b7c started (pid 15758) in 58 ms (bundle 5 ms, create 45 ms, start 7 ms)
        14:23:26.453 INFO  [berth-agent] TaskRunner - task launch-1 ended: TASK_FINISHED (Command exited with status 0)
        14:23:27.001 INFO  [berth-agent-io-start-9a1f] RuncRuntime - container 9a1f started (pid 15801) in 33 ms (bundle 1 ms, create 31 ms (spare monitor), start 0 ms)
        """);
    assertThat(AgentLog.containerStarts(log)).containsOnlyKeys("4b7c", "9a1f")
        .containsEntry("4b7c", new AgentLog.ContainerStart(58, 5, 45, 7))
        .containsEntry("9a1f", new AgentLog.ContainerStart(33, 1, 31, 0));
  }

  @Test
  void aMissingLogGivesNothing(@TempDir Path dir) {
    assertThat(AgentLog.containerStarts(dir.resolve("none.log"))).isEmpty();
    assertThat(AgentLog.containerStarts(null)).isEmpty();
  }
}

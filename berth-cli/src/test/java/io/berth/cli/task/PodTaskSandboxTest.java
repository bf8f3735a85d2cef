package io.berth.cli.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.json.Json;
import org.junit.jupiter.api.Test;

/** The sandbox of a pod's container is its task directory inside the group's executor sandbox. */
class PodTaskSandboxTest {
  @Test
  void aGroupTaskIsFoundInsideItsExecutorsSandbox() {
    var state = Json.tree("""
        {"frameworks": [{"executors": [
          {"id": "web.1", "directory": "/w/sandboxes/web.1", "tasks": [{"id": "web.1"}]},
          {"id": "pod.instance-1", "directory": "/w/sandboxes/executors/pod.instance-1/runs/r1",
           "tasks": [{"id": "pod.instance-1.a"}], "completed_tasks": [{"id": "pod.instance-1.b"}]}]}]}
        """.getBytes());
    assertThat(TaskFinder.sandbox(state, "web.1")).isEqualTo("/w/sandboxes/web.1");
    assertThat(TaskFinder.sandbox(state, "pod.instance-1.a"))
        .isEqualTo("/w/sandboxes/executors/pod.instance-1/runs/r1/tasks/pod.instance-1.a");
    assertThat(TaskFinder.sandbox(state, "pod.instance-1.b")).endsWith("/runs/r1/tasks/pod.instance-1.b");
  }
}

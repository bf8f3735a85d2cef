package io.berth.marathon.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskGroupInfo;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.state.image.Task;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** healthCheckResults from the agent's health reports, for apps and for pod instances. */
class AgentHealthTest {
  private static Task task(String id, TaskStatus... statuses) {
    TaskInfo info = new TaskInfo(id, id, "marathon", "a1", Resources.of(0.1, 32), CommandInfo.shell("sleep 1"),
        List.of(), Map.of(), 1, null, new TaskGroupInfo("pod.instance-1", Resources.NONE, List.of()));
    return new Task(info, List.of(statuses), null);
  }

  private static TaskStatus running(String id, Boolean healthy, String message, long second) {
    return new TaskStatus(id, "marathon", "a1", TaskState.TASK_RUNNING, null, TaskStatus.Source.SOURCE_EXECUTOR,
        message, Instant.ofEpochSecond(second), id + "-" + second, healthy, null, null);
  }

  @Test
  void aPodInstanceReportsTheCheckOfWhicheverContainerHasOne() {
    Task writer = task("pod.instance-1.writer", running("pod.instance-1.writer", null, null, 1));
    Task web = task("pod.instance-1.web", running("pod.instance-1.web", null, null, 1),
        running("pod.instance-1.web", false, "exit 1", 5));
    Instance instance = new Instance(writer, "/pod", "v", "v", List.of(), Instant.EPOCH, Instant.EPOCH,
        List.of(writer, web));

    ObjectNode result = AgentHealth.result(instance, false);

    assertThat(result.path("alive").asBoolean()).isFalse();
    assertThat(result.path("lastFailureCause").asText()).isEqualTo("exit 1");
    assertThat(result.path("lastFailure").asText()).isEqualTo("1970-01-01T00:00:05.000Z");
  }

  @Test
  void withoutAnyHealthReportTheResultHasNoTimesAndNoCause() {
    Task plain = task("app.1", running("app.1", null, null, 1));
    Instance instance = new Instance(plain, "/app", "v", "v", List.of(), Instant.EPOCH, Instant.EPOCH);

    ObjectNode result = AgentHealth.result(instance, false);

    assertThat(result.path("lastFailureCause").isNull()).isTrue();
    assertThat(result.path("lastFailure").isNull()).isTrue();
  }
}

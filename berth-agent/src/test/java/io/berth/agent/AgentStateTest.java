package io.berth.agent;

import static io.berth.agent.AgentFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.agent.runtime.ExitStatus;
import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.PortRange;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.common.json.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentStateTest {
  @TempDir Path dir;
  AgentFixture f;

  @BeforeEach
  void start() {
    f = new AgentFixture(dir).start();
  }

  @AfterEach
  void close() {
    f.close();
  }

  private JsonNode state(String path) {
    HttpResponse<String> response = f.get(path);
    assertThat(response.statusCode()).isEqualTo(200);
    return Json.tree(response.body().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void stateHasTheMesosShape() {
    TaskInfo web = new TaskInfo("web.1", "web", null, null,
        new Resources(0.5, 128, 10, 0, PortRanges.of(new PortRange(31000, 31001))), CommandInfo.shell("serve"),
        List.of(), Map.of("owner", "team-a"), 0);
    f.launch(web);
    f.awaitStates("web.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    String container = f.containerOf("web.1").id();

    JsonNode state = state("/slave(1)/state");

    assertThat(state("/state")).isEqualTo(state);
    int port = Integer.parseInt(f.url().substring(f.url().lastIndexOf(':') + 1));
    assertThat(state.get("id").asText()).isEqualTo("agent-1");
    assertThat(state.get("pid").asText()).isEqualTo("slave(1)@127.0.0.1:" + port);
    assertThat(state.get("hostname").asText()).isEqualTo("agent-host");
    assertThat(state.get("version").asText()).isEqualTo("1.11.0");
    assertThat(state.get("master_hostname").asText()).isEqualTo("127.0.0.1");
    assertThat(state.get("start_time").isNumber()).isTrue();
    assertThat(state.get("start_time").asDouble()).isEqualTo(f.clock.instant().getEpochSecond());
    JsonNode resources = state.get("resources");
    assertThat(resources.get("cpus").asDouble()).isEqualTo(4);
    assertThat(resources.get("mem").asDouble()).isEqualTo(4096);
    assertThat(resources.get("disk").asDouble()).isEqualTo(10000);
    assertThat(resources.get("gpus").asDouble()).isZero();
    assertThat(resources.get("ports").asText()).isEqualTo("[31000-31100]");
    assertThat(state.get("attributes").isObject()).isTrue();
    assertThat(state.get("completed_frameworks").isArray()).isTrue();

    JsonNode framework = state.get("frameworks").get(0);
    assertThat(framework.get("id").asText()).isEqualTo("fw-1");
    assertThat(framework.get("name").asText()).isEqualTo("marathon");
    assertThat(framework.get("user").asText()).isEqualTo("root");
    assertThat(framework.get("role").asText()).isEqualTo("slave_public");
    JsonNode executor = framework.get("executors").get(0);
    assertThat(executor.get("id").asText()).isEqualTo("web.1");
    assertThat(executor.get("source").asText()).isEqualTo("web.1");
    assertThat(executor.get("container").asText()).isEqualTo(container);
    assertThat(executor.get("directory").asText()).isEqualTo(dir.resolve("sandboxes/web.1").toString());
    assertThat(executor.get("queued_tasks").isArray()).isTrue();
    assertThat(executor.get("completed_tasks").isArray()).isTrue();
    JsonNode task = executor.get("tasks").get(0);
    assertThat(task.get("id").asText()).isEqualTo("web.1");
    assertThat(task.get("name").asText()).isEqualTo("web");
    assertThat(task.get("framework_id").asText()).isEqualTo("fw-1");
    assertThat(task.get("executor_id").asText()).isEqualTo("web.1");
    assertThat(task.get("slave_id").asText()).isEqualTo("agent-1");
    assertThat(task.get("state").asText()).isEqualTo("TASK_RUNNING");
    assertThat(task.get("resources").get("ports").asText()).isEqualTo("[31000-31001]");
    assertThat(task.get("labels").get(0).get("key").asText()).isEqualTo("owner");
    JsonNode statuses = task.get("statuses");
    assertThat(statuses).hasSize(2);
    assertThat(statuses.get(1).get("state").asText()).isEqualTo("TASK_RUNNING");
    assertThat(statuses.get(1).get("timestamp").isNumber()).isTrue();
    assertThat(statuses.get(1).get("container_status").get("container_id").get("value").asText())
        .isEqualTo(container);
  }

  @Test
  void endedTasksMoveToCompletedExecutors() {
    f.launch(AgentFixture.task("job.1", "true"));
    f.awaitStates("job.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);

    f.runtime.exit(f.containerOf("job.1").id(), ExitStatus.exited(0));

    await().atMost(WAIT).until(() -> state("/state").get("frameworks").get(0).get("completed_executors").size() == 1);
    JsonNode framework = state("/state").get("frameworks").get(0);
    assertThat(framework.get("executors")).isEmpty();
    JsonNode done = framework.get("completed_executors").get(0).get("completed_tasks").get(0);
    assertThat(done.get("state").asText()).isEqualTo("TASK_FINISHED");
  }
}

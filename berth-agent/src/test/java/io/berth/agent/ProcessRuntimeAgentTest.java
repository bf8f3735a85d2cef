package io.berth.agent;

import static io.berth.agent.AgentFixture.WAIT;
import static io.berth.agent.AgentFixture.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.agent.runtime.ProcessRuntime;
import io.berth.api.cluster.TaskState;
import io.berth.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent with real processes: what {@code berth agent --runtime=process} does. */
class ProcessRuntimeAgentTest {
  @TempDir Path dir;
  ProcessRuntime runtime;
  AgentFixture f;

  @BeforeEach
  void start() {
    runtime = new ProcessRuntime(dir.resolve("runtime"));
    f = new AgentFixture(dir, runtime).start();
  }

  @AfterEach
  void close() {
    f.close();
    runtime.list().forEach(id -> runtime.signal(id, 9));
    runtime.close();
  }

  @Test
  void aTaskRunsWithItsEnvironmentAndItsOutputCanBeRead() {
    f.launch(task("hello.1", "echo \"hello from $MESOS_TASK_ID in $MESOS_SANDBOX\"; echo oops >&2"));

    f.awaitStates("hello.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
    Path sandbox = dir.resolve("sandboxes/hello.1");
    var read = f.get("/files/read?offset=0&path=" + sandbox + "/stdout");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(Json.tree(read.body().getBytes(StandardCharsets.UTF_8)).get("data").asText())
        .isEqualTo("hello from hello.1 in " + sandbox + "\n");
    await().atMost(WAIT).until(() -> runtime.list().isEmpty());
  }

  @Test
  void killEndsARealProcessWithSigterm() {
    f.launch(task("sleeper.1", "exec sleep 300"));
    f.awaitStates("sleeper.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);

    f.kill("sleeper.1", 5.0);

    f.awaitStates("sleeper.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_KILLING,
        TaskState.TASK_KILLED);
    assertThat(f.master.updatesOf("sleeper.1").getLast().exitCode()).isEqualTo(143);
  }

  @Test
  void aRestartedAgentReattachesToARealProcess() throws Exception {
    f.launch(task("sleeper.2", "while [ ! -f done ]; do sleep 0.02; done; exit 4"));
    f.awaitStates("sleeper.2", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);

    f.restart();
    Files.writeString(dir.resolve("sandboxes/sleeper.2/done"), "");

    f.awaitStates("sleeper.2", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FAILED);
    assertThat(f.master.updatesOf("sleeper.2").getLast().message()).contains("status 4");
  }
}

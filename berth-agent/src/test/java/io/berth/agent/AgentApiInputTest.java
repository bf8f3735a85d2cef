package io.berth.agent;

import static io.berth.agent.AgentFixture.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.agent.LaunchTasks;
import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.PortRange;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.common.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input on every endpoint: a 4xx with a plain-text message, and nothing changes. */
class AgentApiInputTest {
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

  private static String launch(TaskInfo task) {
    return Json.writeString(new LaunchTasks(AgentFixture.FRAMEWORK, List.of(task)));
  }

  private static TaskInfo withResources(Resources r) {
    return new TaskInfo("t.1", null, null, null, r, CommandInfo.shell("true"), List.of(), Map.of(), 0);
  }

  static List<Arguments> badLaunches() {
    return List.of(
        Arguments.of("{not json", 400, "Invalid JSON"),
        Arguments.of("", 400, "empty"),
        Arguments.of("null", 400, "JSON object"),
        Arguments.of("{\"tasks\": []}", 422, "framework"),
        Arguments.of(Json.writeString(new LaunchTasks(AgentFixture.FRAMEWORK.withId(null), List.of(task("a", "x")))),
            422, "framework.id"),
        Arguments.of(Json.writeString(new LaunchTasks(AgentFixture.FRAMEWORK, List.of())), 422, "nothing to launch"),
        Arguments.of(launch(withResources(new Resources(1, 1, 0, 0, PortRanges.of(new PortRange(31000, 31000)))))
            .replace("31000-31000", "abc"), 400, "port range"),
        Arguments.of("{\"framework\": {\"id\": \"fw-1\"}, \"tasks\": [{\"id\": \"a\", \"resources\": "
            + "{\"cpus\": \"lots\"}}]}", 400, "Invalid JSON"),
        Arguments.of(launch(task("../etc", "true")), 422, "must not contain"),
        Arguments.of(launch(task("a/b", "true")), 422, "must not contain '/'"),
        Arguments.of(launch(task("a..b", "true")), 422, "'..'"),
        Arguments.of(launch(task("a b", "true")), 422, "contains the character ' '"),
        Arguments.of(launch(task("", "true")), 422, "Task id is missing"),
        Arguments.of(launch(withResources(new Resources(-1, 64, 0, 0, PortRanges.NONE))), 422, "cpus"),
        Arguments.of(launch(withResources(new Resources(1, -64, 0, 0, PortRanges.NONE))), 422, "mem"),
        Arguments.of(launch(withResources(null)), 422, "resources"),
        Arguments.of(launch(withResources(new Resources(1, 64, 0, 0, PortRanges.of(new PortRange(80, 80))))), 422,
            "outside this agent's ports"),
        Arguments.of(launch(new TaskInfo("t.1", null, null, null, Resources.of(1, 1), null, List.of(), Map.of(), 0)),
            422, "'command' is required"),
        Arguments.of(launch(new TaskInfo("t.1", null, null, null, Resources.of(1, 1), CommandInfo.shell(" "),
            List.of(), Map.of(), 0)), 422, "non-empty 'value'"),
        Arguments.of(launch(new TaskInfo("t.1", null, null, null, Resources.of(1, 1), CommandInfo.shell("x"),
            List.of(), Map.of(), -1)), 422, "killGracePeriodSeconds"),
        Arguments.of(launch(new TaskInfo("t.1", null, "other-fw", null, Resources.of(1, 1), CommandInfo.shell("x"),
            List.of(), Map.of(), 0)), 422, "other-fw"),
        Arguments.of(Json.writeString(new LaunchTasks(AgentFixture.FRAMEWORK, List.of(task("d", "x"), task("d", "y")))),
            422, "more than once"));
  }

  @ParameterizedTest
  @MethodSource("badLaunches")
  void badLaunchesAreRefusedAndChangeNothing(String body, int status, String message) {
    HttpResponse<String> response = f.post("/internal/tasks", body);

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.body()).contains(message);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(f.runtime.started()).isEmpty();
    assertThat(f.agent.state().frameworks()).isEmpty();
    assertThat(dir.resolve("checkpoint/tasks").toFile().list()).isEmpty();
  }

  @Test
  void killOfAnUnknownTaskIs404WithAClearMessage() {
    HttpResponse<String> response = f.post("/internal/tasks/nope.1/kill", "{\"taskId\": \"nope.1\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("nope.1").contains("not known");
  }

  @Test
  void badKillRequestsAreRefusedAndChangeNothing() {
    f.launch(task("web.1", "serve"));
    f.awaitStates("web.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);

    assertThat(f.post("/internal/tasks/web.1/kill", "{oops").statusCode()).isEqualTo(400);
    HttpResponse<String> negative = f.post("/internal/tasks/web.1/kill", "{\"gracePeriodSeconds\": -1}");
    assertThat(negative.statusCode()).isEqualTo(422);
    assertThat(negative.body()).contains("gracePeriodSeconds");
    HttpResponse<String> mismatch = f.post("/internal/tasks/web.1/kill", "{\"taskId\": \"web.2\"}");
    assertThat(mismatch.statusCode()).isEqualTo(422);
    assertThat(mismatch.body()).contains("web.2");
    assertThat(f.post("/internal/tasks/a%20b/kill", "").statusCode()).isEqualTo(422);

    assertThat(f.master.statesOf("web.1")).containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    assertThat(f.runtime.signals(f.containerOf("web.1").id())).isEmpty();
  }

  @Test
  void aKillWithoutABodyWorks() {
    f.launch(task("web.1", "serve"));
    f.awaitStates("web.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING);

    assertThat(f.post("/internal/tasks/web.1/kill", "").statusCode()).isEqualTo(202);

    f.awaitStates("web.1", TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_KILLING,
        TaskState.TASK_KILLED);
  }

  @Test
  void unknownPathsAndMethodsAreRefusedInPlainText() {
    HttpResponse<String> missing = f.get("/nothing/here");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("/nothing/here");
    assertThat(f.post("/state", "{}").statusCode()).isEqualTo(405);
    assertThat(f.get("/internal/tasks").statusCode()).isEqualTo(405);
  }

  @Test
  void healthIsOk() {
    assertThat(f.get("/health").statusCode()).isEqualTo(200);
  }
}

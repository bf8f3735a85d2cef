package io.berth.cli.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.berth.cli.CliFailure;
import io.berth.common.json.Json;
import org.junit.jupiter.api.Test;

class TaskFinderTest {
  static final JsonNode STATE = Json.tree("""
      {"slaves": [{"id": "S0", "hostname": "10.0.0.2"}],
       "frameworks": [
         {"name": "marathon", "tasks": [
            {"id": "web.instance-1._app.1", "name": "web", "slave_id": "S0", "state": "TASK_RUNNING"},
            {"id": "web.instance-2._app.1", "name": "web", "slave_id": "S0", "state": "TASK_RUNNING"}],
          "completed_tasks": [{"id": "web.instance-0._app.1", "name": "web", "slave_id": "S0", "state": "TASK_KILLED"}]},
         {"name": "berth-launcher", "tasks": [{"id": "hello", "name": "hello", "slave_id": "S9", "state": "TASK_RUNNING"}],
          "unreachable_tasks": [{"id": "far", "name": "far", "slave_id": "S0", "state": "TASK_UNREACHABLE"}]}]}
      """.getBytes());

  @Test
  void tasksCarryTheirHostAndFrameworkAndCompletedOnesOnlyWhenAsked() {
    ArrayNode active = TaskFinder.tasks(STATE, false);
    assertThat(active).extracting(t -> t.path("id").asText())
        .containsExactly("web.instance-1._app.1", "web.instance-2._app.1", "hello", "far");
    assertThat(active.get(0).path("host").asText()).isEqualTo("10.0.0.2");
    assertThat(active.get(2).path("host").asText()).isEmpty();
    assertThat(active.get(2).path("framework_name").asText()).isEqualTo("berth-launcher");
    assertThat(TaskFinder.tasks(STATE, true)).hasSize(5);
  }

  @Test
  void aTaskIsFoundByItsIdAPartOfItOrItsName() {
    ArrayNode all = TaskFinder.tasks(STATE, true);
    assertThat(TaskFinder.one(all, "hello").path("id").asText()).isEqualTo("hello");
    assertThat(TaskFinder.one(all, "instance-2").path("id").asText()).isEqualTo("web.instance-2._app.1");
    assertThat(TaskFinder.exactOrMatching(all, "web")).hasSize(3);
    assertThat(TaskFinder.exactOrMatching(all, "web.instance-1._app.1")).hasSize(1);
    assertThatThrownBy(() -> TaskFinder.one(all, "web")).isInstanceOf(CliFailure.class)
        .hasMessageStartingWith("3 tasks match 'web', give more of the id: ");
    assertThatThrownBy(() -> TaskFinder.one(all, "nothing")).hasMessage("no task matches 'nothing' (berth task list shows them)");
  }

  @Test
  void theSandboxIsTheExecutorsDirectoryInTheAgentsState() {
    JsonNode agent = Json.tree("""
        {"frameworks": [{"executors": [{"id": "hello", "directory": "/var/lib/berth/sandboxes/hello"}]}],
         "completed_frameworks": [{"completed_executors": [{"id": "old", "directory": "/var/lib/berth/sandboxes/old"}]}]}
        """.getBytes());
    assertThat(TaskFinder.sandbox(agent, "hello")).isEqualTo("/var/lib/berth/sandboxes/hello");
    assertThat(TaskFinder.sandbox(agent, "old")).isEqualTo("/var/lib/berth/sandboxes/old");
    assertThatThrownBy(() -> TaskFinder.sandbox(agent, "gone")).isInstanceOf(CliFailure.class).hasMessageContaining("sandbox");
  }
}

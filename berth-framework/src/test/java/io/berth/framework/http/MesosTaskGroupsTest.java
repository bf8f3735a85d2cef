package io.berth.framework.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.VolumeMount;
import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.common.json.Json;
import io.berth.framework.Operation;
import io.berth.framework.SchedulerCall;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LAUNCH_GROUP in Mesos v1 JSON, as a third-party framework (or Marathon's pods) sends it. */
class MesosTaskGroupsTest {
  static final String ACCEPT = """
      {"type": "ACCEPT", "framework_id": {"value": "fw"}, "accept": {"offer_ids": [{"value": "o1"}], "operations": [
        {"type": "LAUNCH_GROUP", "launch_group": {
          "executor": {"type": "DEFAULT", "executor_id": {"value": "pod.instance-1"}, "framework_id": {"value": "fw"},
            "resources": [{"name": "cpus", "type": "SCALAR", "scalar": {"value": 0.1}},
                          {"name": "mem", "type": "SCALAR", "scalar": {"value": 32}}]},
          "task_group": {"tasks": [
            {"name": "web", "task_id": {"value": "pod.instance-1.web"}, "agent_id": {"value": "a1"},
             "resources": [{"name": "cpus", "type": "SCALAR", "scalar": {"value": 0.5}},
                           {"name": "mem", "type": "SCALAR", "scalar": {"value": 64}}],
             "command": {"value": "python3 -m http.server"},
             "container": {"type": "MESOS", "volumes": [
               {"container_path": "site", "mode": "RO",
                "source": {"type": "SANDBOX_PATH", "sandbox_path": {"type": "PARENT", "path": "volumes/site"}}},
               {"container_path": "/etc/shared", "mode": "RW",
                "source": {"type": "HOST_PATH", "host_path": {"path": "/srv/shared"}}}]}},
            {"name": "writer", "task_id": {"value": "pod.instance-1.writer"}, "agent_id": {"value": "a1"},
             "resources": [{"name": "cpus", "type": "SCALAR", "scalar": {"value": 0.1}}],
             "command": {"value": "echo hi > site/index.html"},
             "container": {"type": "MESOS", "volumes": [{"container_path": "site", "mode": "RW",
               "source": {"type": "SANDBOX_PATH", "sandbox_path": {"type": "PARENT", "path": "volumes/site"}}}]}}
          ]}}}]}}
      """;

  private static List<TaskInfo> launched(String json) {
    SchedulerCall.Accept accept = (SchedulerCall.Accept) MesosSchedulerJson.readCall(Json.tree(json.getBytes())).call();
    return ((Operation.Launch) accept.operations().getFirst()).tasks();
  }

  @Test
  void aLaunchGroupIsOneLaunchOfTasksThatShareTheExecutorAndItsVolumes() {
    List<TaskInfo> tasks = launched(ACCEPT);
    assertThat(tasks).extracting(TaskInfo::id).containsExactly("pod.instance-1.web", "pod.instance-1.writer");
    assertThat(tasks).allSatisfy(t -> {
      assertThat(t.executorId()).isEqualTo("pod.instance-1");
      assertThat(t.group().executorResources().cpus()).isEqualTo(0.1);
      assertThat(t.group().executorResources().mem()).isEqualTo(32);
      assertThat(t.frameworkId()).isEqualTo("fw");
    });
    assertThat(tasks.getFirst().resources().cpus()).isEqualTo(0.5);
    assertThat(tasks.getFirst().group().mounts()).containsExactly(new VolumeMount("site", null, "site", true),
        new VolumeMount("shared", "/srv/shared", "/etc/shared", false));
    assertThat(tasks.get(1).group().mounts()).containsExactly(new VolumeMount("site", null, "site", false));
  }

  @Test
  void whatIsWrittenIsReadBackTheSame() {
    List<TaskInfo> tasks = launched(ACCEPT);
    TaskInfo plain = new TaskInfo("plain", "plain", "fw", "a1", tasks.get(1).resources(), tasks.get(1).command(),
        List.of(), java.util.Map.of(), 3);
    JsonNode written = MesosSchedulerJson.writeCall("fw", new SchedulerCall.Accept(List.of("o1"),
        List.of(new Operation.Launch(List.of(plain, tasks.get(0), tasks.get(1)))), io.berth.framework.Filters.NONE), "*");
    assertThat(written.path("accept").path("operations")).extracting(o -> o.path("type").asText())
        .containsExactly("LAUNCH", "LAUNCH_GROUP");
    SchedulerCall.Accept read = (SchedulerCall.Accept) MesosSchedulerJson.readCall(written).call();
    assertThat(read.operations()).containsExactly(new Operation.Launch(List.of(plain)),
        new Operation.Launch(tasks));
  }

  @Test
  void customExecutorsAndUnsupportedVolumesAreRefusedWithTheirPlace() {
    refused(ACCEPT.replace("\"type\": \"DEFAULT\"", "\"type\": \"CUSTOM\""), "only the DEFAULT executor");
    refused(ACCEPT.replace("\"executor_id\": {\"value\": \"pod.instance-1\"}, ", ""), "missing 'executor_id.value'");
    refused(ACCEPT.replace("\"type\": \"HOST_PATH\"", "\"type\": \"DOCKER_VOLUME\""),
        "task 'pod.instance-1.web', volume 1: volume source 'DOCKER_VOLUME' is not supported");
    refused(ACCEPT.replace("\"path\": \"/srv/shared\"", "\"path\": \"srv\""), "the host path must be absolute");
    refused(ACCEPT.replace("\"container_path\": \"site\", \"mode\": \"RO\"", "\"container_path\": \"../x\", \"mode\": \"RO\""),
        "without '..'");
    refused(replaceLast(ACCEPT, "\"type\": \"PARENT\"", "\"type\": \"SELF\""), "type PARENT");
    refused(replaceLast(ACCEPT, "volumes/site", "volumes/../x"), "must name one directory");
    refused(ACCEPT.replace("\"type\": \"LAUNCH_GROUP\"", "\"type\": \"RESERVE\""), "Unsupported offer operation 'RESERVE'");
    String noTasks = ACCEPT.substring(0, ACCEPT.indexOf("\"task_group\"")) + "\"task_group\": {\"tasks\": []}}}]}}";
    refused(noTasks, "'task_group.tasks' must not be empty");
  }

  private static String replaceLast(String text, String what, String with) {
    int at = text.lastIndexOf(what);
    return text.substring(0, at) + with + text.substring(at + what.length());
  }

  private static void refused(String json, String message) {
    assertThatThrownBy(() -> launched(json)).isInstanceOf(BerthException.class).hasMessageContaining(message)
        .satisfies(e -> assertThat(((BerthException) e).code()).isIn(ErrorCode.INVALID, ErrorCode.BAD_REQUEST));
  }
}

package io.berth.framework.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskGroupInfo;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.VolumeMount;
import io.berth.common.error.BerthException;
import java.util.ArrayList;
import java.util.List;

/**
 * Mesos' {@code LAUNCH_GROUP} operation in v1 JSON: the default executor ({@code executor}, type {@code DEFAULT},
 * with its own resources) and its {@code task_group}. The tasks' {@code container.volumes} become the group's
 * volume mounts: a {@code SANDBOX_PATH} of type {@code PARENT} is an ephemeral volume of the executor sandbox
 * shared by the group (Marathon writes {@code volumes/<name>}), a {@code HOST_PATH} (or the older top-level
 * {@code host_path}) a host directory. Custom executors and other volume sources are refused with 422.
 */
final class MesosTaskGroups {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String VOLUMES_DIR = "volumes/";

  private MesosTaskGroups() {}

  /** The tasks of one {@code launch_group}, each carrying the group's executor. */
  static List<TaskInfo> read(JsonNode launchGroup, String frameworkId) {
    JsonNode executor = launchGroup.path("executor");
    String executorId = MesosTasks.valueOf(executor, "executor_id", "launch_group.executor");
    String where = "executor '" + executorId + "'";
    String type = executor.path("type").asText("DEFAULT");
    if (!type.equals("DEFAULT")) {
      throw BerthException.invalid(where + ": only the DEFAULT executor is supported, not " + type);
    }
    Resources executorResources = MesosResources.read(executor.path("resources"), where);
    JsonNode tasks = launchGroup.path("task_group").path("tasks");
    if (!tasks.isArray() || tasks.isEmpty()) {
      throw BerthException.invalid(where + ": 'task_group.tasks' must not be empty");
    }
    List<TaskInfo> out = new ArrayList<>();
    for (JsonNode t : tasks) {
      TaskInfo task = MesosTasks.readTask(t, frameworkId);
      if (t.has("executor")) {
        throw BerthException.invalid("task '" + task.id() + "': the tasks of a group may not name an executor");
      }
      out.add(new TaskInfo(task.id(), task.name(), task.frameworkId(), task.agentId(), task.resources(),
          task.command(), task.portNames(), task.labels(), task.killGracePeriodSeconds(), task.healthCheck(),
          new TaskGroupInfo(executorId, executorResources, mounts(t.path("container").path("volumes"), task.id()))));
    }
    return out;
  }

  private static List<VolumeMount> mounts(JsonNode volumes, String taskId) {
    List<VolumeMount> mounts = new ArrayList<>();
    for (JsonNode v : volumes) {
      String where = "task '" + taskId + "', volume " + mounts.size();
      String containerPath = v.path("container_path").asText("");
      if (containerPath.isEmpty() || List.of(containerPath.split("/")).contains("..")) {
        throw BerthException.invalid(where + ": 'container_path' must be a non-empty path without '..'");
      }
      boolean readOnly = v.path("mode").asText("RW").equals("RO");
      JsonNode source = v.path("source");
      String sourceType = source.path("type").asText(v.hasNonNull("host_path") ? "HOST_PATH" : "");
      switch (sourceType) {
        case "SANDBOX_PATH" -> {
          JsonNode sandbox = source.path("sandbox_path");
          if (!sandbox.path("type").asText("").equals("PARENT")) {
            throw BerthException.invalid(where + ": only SANDBOX_PATH volumes of type PARENT (the executor's sandbox)"
                + " are supported");
          }
          String path = sandbox.path("path").asText("");
          String name = path.startsWith(VOLUMES_DIR) ? path.substring(VOLUMES_DIR.length()) : path;
          if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw BerthException.invalid(where + ": 'sandbox_path.path' must name one directory of the executor"
                + " sandbox (as volumes/<name>)");
          }
          mounts.add(new VolumeMount(name, null, containerPath, readOnly));
        }
        case "HOST_PATH" -> {
          String host = source.path("host_path").path("path").asText(v.path("host_path").asText(""));
          if (!host.startsWith("/")) {
            throw BerthException.invalid(where + ": the host path must be absolute");
          }
          // Mesos names no volumes; the name (VOLUME_<NAME> for plain processes) is the mount's last segment
          String name = containerPath.replaceAll("/+$", "").replaceAll(".*/", "");
          mounts.add(new VolumeMount(name.isEmpty() ? "root" : name, host, containerPath, readOnly));
        }
        default -> throw BerthException.invalid(where + ": volume source '" + sourceType
            + "' is not supported (SANDBOX_PATH of the executor and HOST_PATH are)");
      }
    }
    return mounts;
  }

  /** The {@code LAUNCH_GROUP} operation for the tasks of one group (all with the same executor). */
  static ObjectNode write(List<TaskInfo> group, String frameworkId, String role) {
    TaskGroupInfo info = group.getFirst().group();
    ObjectNode op = NODES.objectNode().put("type", "LAUNCH_GROUP");
    ObjectNode launch = op.putObject("launch_group");
    ObjectNode executor = launch.putObject("executor").put("type", "DEFAULT");
    executor.set("executor_id", MesosTasks.value(info.executorId()));
    if (frameworkId != null) {
      executor.set("framework_id", MesosTasks.value(frameworkId));
    }
    executor.set("resources", MesosResources.write(info.executorResources(), role));
    ArrayNode tasks = launch.putObject("task_group").putArray("tasks");
    for (TaskInfo t : group) {
      ObjectNode task = MesosTasks.writeTask(t, role);
      ArrayNode volumes = NODES.arrayNode();
      for (VolumeMount m : t.group().mounts()) {
        ObjectNode v = volumes.addObject().put("container_path", m.containerPath()).put("mode", m.readOnly() ? "RO" : "RW");
        if (m.ephemeral()) {
          v.putObject("source").put("type", "SANDBOX_PATH").putObject("sandbox_path").put("type", "PARENT")
              .put("path", VOLUMES_DIR + m.volume());
        } else {
          v.putObject("source").put("type", "HOST_PATH").putObject("host_path").put("path", m.hostPath());
        }
      }
      if (!volumes.isEmpty()) {
        task.putObject("container").put("type", "MESOS").set("volumes", volumes);
      }
      tasks.add(task);
    }
    return op;
  }
}

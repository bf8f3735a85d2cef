package io.berth.marathon.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.HealthCheckInfo;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskGroupInfo;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.VolumeMount;
import io.berth.marathon.model.PathId;
import io.berth.marathon.model.PodSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the task group of one pod instance (pure), as Marathon does: instance id {@code <pod>.instance-<uuid>} (the
 * executor id), one task {@code <instanceId>.<container>} per container with its own resources and host ports,
 * {@code ENDPOINT_<NAME>} (Marathon) and {@code PORT_<NAME>} (the agent) for each endpoint with a host port, the pod's
 * and the container's environment, its volume mounts and its agent-side health check.
 */
public final class PodTasks {
  private PodTasks() {}

  /** Marathon's pod instance ids: {@code <safePodId>.instance-<uuid>}. */
  public static String instanceId(String podId, String uuid) {
    return PathId.safe(podId) + ".instance-" + uuid;
  }

  /** The pod id in a pod task id or instance id ({@code web_db.instance-...} is {@code /web/db}), if it parses. */
  public static String podIdOf(String instanceOrTaskId) {
    int i = instanceOrTaskId.indexOf(".instance-");
    return i <= 0 ? null : "/" + instanceOrTaskId.substring(0, i).replace('_', '/');
  }

  /**
   * The tasks of an instance placed with {@code ports} (the pod's host endpoints in order, {@link
   * PodSpec#hostEndpoints()}); their resources and the executor's add up to the instance's.
   */
  public static List<TaskInfo> build(PodSpec pod, String instanceId, String frameworkId, String agentId,
      List<Long> ports) {
    Resources executor = new Resources(pod.executor().cpus(), pod.executor().mem(), pod.executor().disk(),
        pod.executor().gpus(), PortRanges.NONE);
    Map<String, String> shared = new LinkedHashMap<>();
    int next = 0;
    List<List<Long>> portsOf = new ArrayList<>();
    for (PodSpec.Container c : pod.containers()) {
      List<Long> mine = new ArrayList<>();
      for (PodSpec.Endpoint e : c.endpoints()) {
        if (e.hostPort() != null) {
          long port = ports.get(next++);
          mine.add(port);
          shared.put("ENDPOINT_" + variable(e.name()), Long.toString(port));
        } else if (e.containerPort() != null) {
          shared.put("ENDPOINT_" + variable(e.name()), Long.toString(e.containerPort()));
        }
      }
      portsOf.add(mine);
    }
    List<TaskInfo> tasks = new ArrayList<>();
    for (int i = 0; i < pod.containers().size(); i++) {
      PodSpec.Container c = pod.containers().get(i);
      List<Long> mine = portsOf.get(i);
      Map<String, String> env = new LinkedHashMap<>(shared);
      env.put("MARATHON_APP_ID", pod.id());
      env.put("MARATHON_APP_VERSION", pod.version());
      env.put("MESOS_TASK_ID", instanceId + "." + c.name());
      env.putAll(pod.env());
      env.putAll(c.env());
      CommandInfo.FetchUri[] uris = c.artifacts().stream().map(f -> new CommandInfo.FetchUri(f.uri(), f.extract(),
          f.executable(), f.cache(), f.destPath())).toArray(CommandInfo.FetchUri[]::new);
      CommandInfo command = c.shell() != null
          ? new CommandInfo(true, c.shell(), List.of(), env, c.user(), List.of(uris))
          : new CommandInfo(false, c.argv().isEmpty() ? null : c.argv().getFirst(), c.argv(), env, c.user(), List.of(uris));
      List<String> portNames = new ArrayList<>();
      c.endpoints().stream().filter(e -> e.hostPort() != null).forEach(e -> portNames.add(e.name()));
      Map<String, String> labels = new LinkedHashMap<>(pod.labels());
      labels.putAll(c.labels());
      labels.put(Instance.POD_ID, pod.id());
      labels.put(Instance.VERSION, pod.version());
      labels.put(Instance.CONFIG_VERSION, pod.configVersion());
      labels.put(Instance.PORTS, String.join(",", mine.stream().map(String::valueOf).toList()));
      List<VolumeMount> mounts = new ArrayList<>();
      for (PodSpec.Mount m : c.mounts()) {
        mounts.add(new VolumeMount(m.name(), pod.hostVolumes().get(m.name()), m.mountPath(), m.readOnly()));
      }
      Resources resources = new Resources(c.resources().cpus(), c.resources().mem(), c.resources().disk(),
          c.resources().gpus(), PortRanges.ofPorts(mine));
      double grace = c.killGraceSeconds() == null ? TaskInfo.DEFAULT_KILL_GRACE_SECONDS : c.killGraceSeconds();
      tasks.add(new TaskInfo(instanceId + "." + c.name(), c.name(), frameworkId, agentId, resources, command,
          sortedNames(portNames, mine), labels, grace, health(c, env), new TaskGroupInfo(instanceId, executor, mounts)));
    }
    return tasks;
  }

  /** The agent names ports in ascending order (as it reads them from the resources). */
  private static List<String> sortedNames(List<String> names, List<Long> ports) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> Long.compare(ports.get(a), ports.get(b)));
    return order.stream().map(names::get).toList();
  }

  /** A container's health check ({@code http}, {@code tcp} or {@code exec}) as an agent-side check. */
  static HealthCheckInfo health(PodSpec.Container c, Map<String, String> env) {
    JsonNode h = c.healthCheck();
    if (h == null || !h.isObject()) {
      return null;
    }
    HealthCheckInfo.Type type;
    Integer port = null;
    String command = null;
    String path = null;
    if (h.has("http")) {
      type = "HTTPS".equalsIgnoreCase(h.path("http").path("scheme").asText()) ? HealthCheckInfo.Type.HTTPS
          : HealthCheckInfo.Type.HTTP;
      port = endpointPort(h.path("http").path("endpoint").asText(), env);
      path = h.path("http").path("path").asText("/");
    } else if (h.has("tcp")) {
      type = HealthCheckInfo.Type.TCP;
      port = endpointPort(h.path("tcp").path("endpoint").asText(), env);
    } else if (h.has("exec")) {
      type = HealthCheckInfo.Type.COMMAND;
      command = h.path("exec").path("command").path("shell").asText(null);
      if (command == null) {
        return null;
      }
    } else {
      return null;
    }
    return new HealthCheckInfo(type, null, port, path, command, h.path("delaySeconds").asDouble(15),
        h.path("intervalSeconds").asDouble(60), h.path("timeoutSeconds").asDouble(20),
        h.path("gracePeriodSeconds").asDouble(300), h.path("maxConsecutiveFailures").asInt(3));
  }

  private static Integer endpointPort(String endpoint, Map<String, String> env) {
    String port = env.get("ENDPOINT_" + variable(endpoint));
    return port == null ? null : Integer.valueOf(port);
  }

  static String variable(String name) {
    return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }
}

package io.berth.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.marathon.events.Timestamps;
import io.berth.marathon.model.PodSpec;
import io.berth.marathon.scheduler.Instance;
import io.berth.state.image.Agent;
import io.berth.state.image.ClusterImage;
import io.berth.state.image.Task;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Renders Marathon's {@code PodStatus} (pure): the pod's instances with their containers, endpoints, conditions and
 * resources. An instance is STAGING while any task is staging or starting, STABLE when all live ones run (and are
 * healthy where checked), DEGRADED when running but unhealthy or partly ended, TERMINAL when
 * all ended; the pod is STABLE when it runs its count of STABLE instances, else DEGRADED.
 */
final class PodStatusJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private PodStatusJson() {}

  static ObjectNode status(JsonNode pod, List<Instance> instances, ClusterImage image) {
    PodSpec spec = PodSpec.of(pod);
    String version = pod.path("version").asText();
    ObjectNode s = F.objectNode().put("id", spec.id());
    s.set("spec", pod);
    List<Instance> live = instances.stream().filter(Instance::active).toList();
    ArrayNode out = F.arrayNode();
    Instant changed = null;
    int stable = 0;
    for (Instance i : live) {
      ObjectNode rendered = instance(i, spec, image);
      stable += rendered.path("status").asText().equals("STABLE") ? 1 : 0;
      out.add(rendered);
      Instant at = i.task().latest().timestamp();
      changed = changed == null || at.isAfter(changed) ? at : changed;
    }
    String podStatus = stable == spec.instances() && live.size() == spec.instances() ? "STABLE" : "DEGRADED";
    String since = changed == null ? version : Timestamps.format(changed);
    s.put("status", podStatus).put("statusSince", since);
    s.set("instances", out);
    s.putArray("terminationHistory");
    s.put("lastUpdated", since).put("lastChanged", since);
    return s;
  }

  static ObjectNode instance(Instance i, PodSpec spec, ClusterImage image) {
    Agent agent = image.agents().get(i.agentId());
    Instant last = i.members().stream().map(t -> t.latest().timestamp()).max(Comparator.naturalOrder()).orElseThrow();
    ObjectNode o = F.objectNode().put("id", i.id()).put("status", instanceStatus(i, spec))
        .put("statusSince", Timestamps.format(last))
        .put("agentHostname", agent == null ? null : agent.info().hostname()).put("agentId", i.agentId());
    if (agent != null && agent.info().domain() != null) {
      o.put("agentRegion", agent.info().domain().region()).put("agentZone", agent.info().domain().zone());
    }
    double cpus = spec.executor().cpus();
    double mem = spec.executor().mem();
    double disk = spec.executor().disk();
    double gpus = spec.executor().gpus();
    ArrayNode containers = o.putArray("containers");
    for (Task t : i.members()) {
      cpus += t.info().resources().cpus();
      mem += t.info().resources().mem();
      disk += t.info().resources().disk();
      gpus += t.info().resources().gpus();
      containers.add(container(t, spec));
    }
    o.putObject("resources").put("cpus", cpus).put("mem", mem).put("disk", disk).put("gpus", gpus);
    ArrayNode networks = o.putArray("networks");
    if (agent != null) {
      networks.addObject().putArray("addresses").add(agent.info().ip());
    }
    o.put("specReference", "/v2/pods" + spec.id() + "::versions/" + i.version());
    o.put("lastUpdated", Timestamps.format(last)).put("lastChanged", Timestamps.format(last));
    return o;
  }

  private static ObjectNode container(Task t, PodSpec spec) {
    String name = t.info().name();
    ObjectNode c = F.objectNode().put("name", name).put("status", t.state().name())
        .put("statusSince", Timestamps.format(t.latest().timestamp())).put("containerId", t.id());
    ArrayNode endpoints = c.putArray("endpoints");
    List<String> ports = List.of(t.info().labels().getOrDefault(Instance.PORTS, "").split(","));
    int next = 0;
    for (PodSpec.Container declared : spec.containers()) {
      if (!declared.name().equals(name)) {
        continue;
      }
      for (PodSpec.Endpoint e : declared.endpoints()) {
        ObjectNode rendered = endpoints.addObject().put("name", e.name());
        if (e.hostPort() != null && next < ports.size() && !ports.get(next).isEmpty()) {
          rendered.put("allocatedHostPort", Integer.parseInt(ports.get(next++)));
        }
      }
    }
    c.putObject("resources").put("cpus", t.info().resources().cpus()).put("mem", t.info().resources().mem())
        .put("disk", t.info().resources().disk()).put("gpus", t.info().resources().gpus());
    ArrayNode conditions = c.putArray("conditions");
    Boolean healthy = Instance.of(t).agentHealthy();
    if (healthy != null) {
      conditions.addObject().put("name", "healthy").put("value", healthy.toString())
          .put("lastChanged", Timestamps.format(lastHealth(t))).put("lastUpdated", Timestamps.format(lastHealth(t)));
    }
    c.put("lastUpdated", Timestamps.format(t.latest().timestamp()))
        .put("lastChanged", Timestamps.format(t.latest().timestamp()));
    return c;
  }

  private static Instant lastHealth(Task t) {
    Instant at = t.latest().timestamp();
    for (TaskStatus s : t.statuses()) {
      if (s.healthy() != null) {
        at = s.timestamp();
      }
    }
    return at;
  }

  static String instanceStatus(Instance i, PodSpec spec) {
    if (!i.active()) {
      return "TERMINAL";
    }
    TaskState state = i.state();
    if (state == TaskState.TASK_STAGING || state == TaskState.TASK_STARTING) {
      return "STAGING";
    }
    boolean anyEnded = i.members().stream().anyMatch(t -> t.terminal() && t.state() != TaskState.TASK_FINISHED);
    boolean unhealthy = i.members().stream().filter(t -> !t.terminal()).anyMatch(t -> checked(spec, t.info().name())
        && !Boolean.TRUE.equals(Instance.of(t).agentHealthy()));
    if (state == TaskState.TASK_RUNNING && !anyEnded && !unhealthy) {
      return "STABLE";
    }
    return "DEGRADED";
  }

  private static boolean checked(PodSpec spec, String container) {
    return spec.containers().stream().anyMatch(c -> c.name().equals(container) && c.healthCheck() != null);
  }
}

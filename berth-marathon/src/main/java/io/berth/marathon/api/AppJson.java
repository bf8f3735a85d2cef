package io.berth.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.api.cluster.TaskState;
import io.berth.marathon.events.Timestamps;
import io.berth.marathon.model.AppNormalizer;
import io.berth.marathon.scheduler.Instance;
import io.berth.marathon.scheduler.SchedulerView;
import io.berth.state.apps.StoredDeployment;
import io.berth.state.image.Agent;
import io.berth.state.image.ClusterImage;
import java.util.List;

/** Renders apps (AppInfo with embeds) and tasks as Marathon's API does. */
final class AppJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** What {@code embed} asked for, prefixes ({@code apps.}, {@code app.}, {@code group.apps.}) removed. */
  record Embeds(boolean tasks, boolean lastTaskFailure, boolean readiness, boolean taskStats) {
    static Embeds of(List<String> raw, boolean single) {
      boolean tasks = single;
      boolean failure = single;
      boolean readiness = false;
      boolean stats = false;
      for (String e : raw) {
        String name = e.replaceFirst("^(group\\.apps\\.|apps\\.|app\\.)", "");
        switch (name) {
          case "tasks" -> tasks = true;
          case "lastTaskFailure" -> failure = true;
          case "readiness" -> readiness = true;
          case "taskStats" -> stats = true;
          case "failures" -> {
            tasks = true;
            failure = true;
          }
          default -> { }
        }
      }
      return new Embeds(tasks, failure, readiness, stats);
    }
  }

  private AppJson() {}

  static ObjectNode info(JsonNode app, ClusterImage image, SchedulerView view, List<Instance> instances, Embeds embeds) {
    ObjectNode o = ((ObjectNode) app).deepCopy();
    List<Instance> active = instances.stream().filter(Instance::active).toList();
    o.put("tasksStaged", active.stream().filter(i -> i.state() == TaskState.TASK_STAGING || i.state() == TaskState.TASK_STARTING).count());
    o.put("tasksRunning", active.stream().filter(Instance::running).count());
    o.put("tasksHealthy", active.stream().filter(i -> Boolean.TRUE.equals(view.healthy().get(i.id()))).count());
    o.put("tasksUnhealthy", active.stream().filter(i -> Boolean.FALSE.equals(view.healthy().get(i.id()))).count());
    ArrayNode deployments = o.putArray("deployments");
    String id = app.path("id").asText();
    for (StoredDeployment d : image.apps().deploymentsOf(id)) {
      deployments.addObject().put("id", d.id());
    }
    if (embeds.tasks()) {
      ArrayNode tasks = o.putArray("tasks");
      active.forEach(i -> tasks.add(task(i, app, image, view)));
    }
    if (embeds.lastTaskFailure() && view.lastTaskFailure().containsKey(id)) {
      o.set("lastTaskFailure", view.lastTaskFailure().get(id));
    }
    if (embeds.readiness()) {
      ArrayNode r = o.putArray("readinessCheckResults");
      view.readiness().getOrDefault(id, List.of()).forEach(r::add);
    }
    if (embeds.taskStats()) {
      o.set("tasksStats", stats(active, view));
    }
    return o;
  }

  private static ObjectNode stats(List<Instance> active, SchedulerView view) {
    ObjectNode counts = F.objectNode()
        .put("staged", active.stream().filter(i -> !i.running()).count())
        .put("running", active.stream().filter(Instance::running).count())
        .put("healthy", active.stream().filter(i -> Boolean.TRUE.equals(view.healthy().get(i.id()))).count())
        .put("unhealthy", active.stream().filter(i -> Boolean.FALSE.equals(view.healthy().get(i.id()))).count());
    ObjectNode stats = F.objectNode();
    stats.set("counts", counts);
    ObjectNode total = F.objectNode();
    total.set("stats", stats);
    ObjectNode out = F.objectNode();
    out.set("totalSummary", total);
    return out;
  }

  static ObjectNode task(Instance i, JsonNode app, ClusterImage image, SchedulerView view) {
    Agent agent = image.agents().get(i.agentId());
    ObjectNode t = F.objectNode().put("id", i.id()).put("appId", i.appId())
        .put("host", agent == null ? null : agent.info().hostname()).put("slaveId", i.agentId())
        .put("agentId", i.agentId()).put("state", i.state().name())
        .put("stagedAt", Timestamps.format(i.stagedAt())).put("startedAt", Timestamps.format(i.startedAt()))
        .put("version", i.version());
    ArrayNode ports = t.putArray("ports");
    i.ports().forEach(ports::add);
    ArrayNode servicePorts = t.putArray("servicePorts");
    if (app != null) {
      servicePorts(app).forEach(servicePorts::add);
    }
    t.putArray("ipAddresses").addObject().put("ipAddress", agent == null ? null : agent.info().ip()).put("protocol", "IPv4");
    ArrayNode health = t.putArray("healthCheckResults");
    view.healthResults().getOrDefault(i.id(), List.of()).forEach(health::add);
    t.putArray("localVolumes");
    if (agent != null && agent.info().domain() != null) {
      t.put("region", agent.info().domain().region()).put("zone", agent.info().domain().zone());
    }
    t.put("role", "*");
    return t;
  }

  static List<Integer> servicePorts(JsonNode app) {
    List<Integer> out = new java.util.ArrayList<>();
    if ("host".equals(AppNormalizer.networkMode(app))) {
      app.path("portDefinitions").forEach(p -> out.add(p.path("port").asInt()));
    } else {
      app.path("container").path("portMappings").forEach(p -> out.add(p.path("servicePort").asInt()));
    }
    return out;
  }
}

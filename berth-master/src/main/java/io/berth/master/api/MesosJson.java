package io.berth.master.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.common.json.Json;
import io.berth.framework.Offer;
import io.berth.master.OperatorView;
import io.berth.state.image.Agent;
import io.berth.state.image.Framework;
import io.berth.state.image.Task;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the Mesos master's operator endpoints, as DC/OS tools read them. */
final class MesosJson {
  static final String MESOS_VERSION = "1.11.0";

  private MesosJson() {}

  static ObjectNode object() {
    return Json.mapper().createObjectNode();
  }

  static double seconds(Instant t) {
    return t == null ? 0 : t.toEpochMilli() / 1000.0;
  }

  static ObjectNode resources(Resources r) {
    ObjectNode node = object().put("cpus", r.cpus()).put("mem", r.mem()).put("disk", r.disk()).put("gpus", r.gpus());
    if (!r.ports().isEmpty()) {
      node.put("ports", r.ports().toString());
    }
    return node;
  }

  static String pid(String name, String url) {
    return name + "@" + url.replaceFirst("^https?://", "");
  }

  static ObjectNode agent(Agent a, Resources used, Resources offered) {
    ObjectNode node = object()
        .put("id", a.id())
        .put("pid", pid("slave(1)", a.info().url()))
        .put("hostname", a.info().hostname())
        .put("port", a.info().port())
        .put("registered_time", seconds(a.registeredAt()))
        .put("active", a.reachable())
        .put("version", a.info().version() == null ? MESOS_VERSION : a.info().version());
    if (a.reregisteredAt() != null) {
      node.put("reregistered_time", seconds(a.reregisteredAt()));
    }
    node.set("resources", resources(a.info().resources()));
    node.set("used_resources", resources(used));
    node.set("offered_resources", resources(offered));
    node.set("reserved_resources", object());
    node.set("unreserved_resources", resources(a.info().resources()));
    ObjectNode attributes = node.putObject("attributes");
    a.info().attributes().forEach(attributes::put);
    if (a.info().domain() != null) {
      ObjectNode fd = node.putObject("domain").putObject("fault_domain");
      fd.putObject("region").put("name", a.info().domain().region());
      fd.putObject("zone").put("name", a.info().domain().zone());
    }
    node.putArray("capabilities").add("MULTI_ROLE").add("HIERARCHICAL_ROLE").add("RESERVATION_REFINEMENT");
    return node;
  }

  static ObjectNode task(Task t, String agentIp) {
    ObjectNode node = object()
        .put("id", t.id())
        .put("name", t.info().name())
        .put("framework_id", t.info().frameworkId())
        .put("executor_id", t.info().executorId() == null ? "" : t.info().executorId())
        .put("slave_id", t.info().agentId())
        .put("state", t.state().name());
    node.set("resources", resources(t.info().resources()));
    ArrayNode statuses = node.putArray("statuses");
    for (TaskStatus s : t.statuses()) {
      if (s.state() == TaskState.TASK_STAGING) {
        continue;
      }
      statuses.add(status(s, agentIp));
    }
    if (!t.info().labels().isEmpty()) {
      ArrayNode labels = node.putObject("labels").putArray("labels");
      t.info().labels().forEach((k, v) -> labels.addObject().put("key", k).put("value", v));
    }
    if (!t.info().portNames().isEmpty()) {
      ArrayNode ports = node.putObject("discovery").put("visibility", "FRAMEWORK").put("name", t.info().name())
          .putObject("ports").putArray("ports");
      List<Long> numbers = t.info().resources().ports().lowest(t.info().portNames().size());
      for (int i = 0; i < numbers.size(); i++) {
        ports.addObject().put("number", numbers.get(i)).put("name", t.info().portNames().get(i)).put("protocol", "tcp");
      }
    }
    return node;
  }

  static ObjectNode status(TaskStatus s, String agentIp) {
    ObjectNode node = object().put("state", s.state().name()).put("timestamp", seconds(s.timestamp()));
    if (s.healthy() != null) {
      node.put("healthy", s.healthy());
    }
    if (s.message() != null) {
      node.put("message", s.message());
    }
    if (s.reason() != null) {
      node.put("reason", s.reason().name());
    }
    ObjectNode container = node.putObject("container_status");
    if (s.containerId() != null) {
      container.putObject("container_id").put("value", s.containerId());
    }
    if (agentIp != null) {
      container.putArray("network_infos").addObject().putArray("ip_addresses").addObject()
          .put("protocol", "IPv4").put("ip_address", agentIp);
    }
    return node;
  }

  static ObjectNode framework(Framework f, OperatorView view, List<Task> tasks, Resources used, Resources offered) {
    boolean connected = view.connectedFrameworks().contains(f.id());
    ObjectNode node = object()
        .put("id", f.id())
        .put("name", f.info().name())
        .put("pid", "")
        .put("user", f.info().user())
        .put("role", f.info().role())
        .put("hostname", f.info().hostname() == null ? "" : f.info().hostname())
        .put("webui_url", f.info().webuiUrl() == null ? "" : f.info().webuiUrl())
        .put("failover_timeout", f.info().failoverTimeoutSeconds())
        .put("checkpoint", f.info().checkpoint())
        .put("active", f.removedAt() == null && connected)
        .put("connected", connected)
        .put("recovered", false)
        .put("registered_time", seconds(f.registeredAt()))
        .put("unregistered_time", seconds(f.removedAt()));
    if (f.reregisteredAt() != null) {
      node.put("reregistered_time", seconds(f.reregisteredAt()));
    }
    if (f.info().principal() != null) {
      node.put("principal", f.info().principal());
    }
    node.putArray("roles").add(f.info().role());
    ArrayNode capabilities = node.putArray("capabilities");
    f.info().capabilities().forEach(capabilities::add);
    node.set("resources", resources(used));
    node.set("used_resources", resources(used));
    node.set("offered_resources", resources(offered));
    Map<String, Agent> agents = view.image().agents();
    ArrayNode active = node.putArray("tasks");
    ArrayNode unreachable = node.putArray("unreachable_tasks");
    ArrayNode completed = node.putArray("completed_tasks");
    for (Task t : tasks) {
      Agent a = agents.get(t.info().agentId());
      ObjectNode json = task(t, a == null ? null : a.info().ip());
      (t.terminal() ? completed : t.state() == TaskState.TASK_UNREACHABLE ? unreachable : active).add(json);
    }
    ArrayNode offers = node.putArray("offers");
    view.offers().stream().filter(o -> o.frameworkId().equals(f.id())).forEach(o -> offers.add(offer(o)));
    node.putArray("executors");
    return node;
  }

  static ObjectNode offer(Offer o) {
    ObjectNode node = object().put("id", o.id()).put("framework_id", o.frameworkId()).put("slave_id", o.agentId());
    node.set("resources", resources(o.resources()));
    return node;
  }
}

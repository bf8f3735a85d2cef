package io.berth.framework.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.api.cluster.FaultDomain;
import io.berth.api.cluster.FrameworkInfo;
import io.berth.api.cluster.TaskInfo;
import io.berth.common.error.BerthException;
import io.berth.framework.Filters;
import io.berth.framework.Offer;
import io.berth.framework.Operation;
import io.berth.framework.SchedulerCall;
import io.berth.framework.SchedulerEvent;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scheduler calls and events in the JSON of the Mesos v1 scheduler API ({@code POST /api/v1/scheduler}), both
 * ways: the master reads calls and writes events, {@link HttpSchedulerClient} writes calls and reads events.
 */
public final class MesosSchedulerJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private MesosSchedulerJson() {}

  /** A call with the framework it comes from (null for SUBSCRIBE of a new framework). */
  public record FrameworkCall(String frameworkId, SchedulerCall call) {}

  // ---- calls ----

  public static FrameworkCall readCall(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw BerthException.badRequest("Expecting a JSON object with a 'type'");
    }
    String type = node.path("type").asText("");
    String frameworkId = node.path("framework_id").hasNonNull("value") ? node.path("framework_id").path("value").asText() : null;
    SchedulerCall call = switch (type) {
      case "SUBSCRIBE" -> new SchedulerCall.Subscribe(readFramework(node.path("subscribe").path("framework_info")));
      case "ACCEPT" -> readAccept(node.path("accept"), frameworkId);
      case "DECLINE" -> new SchedulerCall.Decline(offerIds(node.path("decline")), filters(node.path("decline")));
      case "REVIVE" -> new SchedulerCall.Revive();
      case "SUPPRESS" -> new SchedulerCall.Suppress();
      case "KILL" -> {
        JsonNode kill = node.path("kill");
        JsonNode grace = kill.path("kill_policy").path("grace_period").path("nanoseconds");
        yield new SchedulerCall.Kill(MesosTasks.valueOf(kill, "task_id", "KILL"),
            kill.path("agent_id").hasNonNull("value") ? kill.path("agent_id").path("value").asText() : null,
            grace.isNumber() ? grace.asLong() / 1e9 : null);
      }
      case "ACKNOWLEDGE" -> {
        JsonNode ack = node.path("acknowledge");
        if (!ack.hasNonNull("uuid")) {
          throw BerthException.badRequest("ACKNOWLEDGE needs 'acknowledge.uuid'");
        }
        yield new SchedulerCall.Acknowledge(MesosTasks.valueOf(ack, "agent_id", "ACKNOWLEDGE"),
            MesosTasks.valueOf(ack, "task_id", "ACKNOWLEDGE"), MesosTasks.decodeUuid(ack.get("uuid").asText()));
      }
      case "RECONCILE" -> {
        List<SchedulerCall.TaskRef> refs = new ArrayList<>();
        for (JsonNode t : node.path("reconcile").path("tasks")) {
          refs.add(new SchedulerCall.TaskRef(MesosTasks.valueOf(t, "task_id", "RECONCILE"),
              t.path("agent_id").hasNonNull("value") ? t.path("agent_id").path("value").asText() : null));
        }
        yield new SchedulerCall.Reconcile(refs);
      }
      case "TEARDOWN" -> new SchedulerCall.Teardown();
      case "" -> throw BerthException.badRequest("Expecting 'type' to be present");
      default -> throw BerthException.badRequest("Unsupported call type '" + type + "'");
    };
    if (!(call instanceof SchedulerCall.Subscribe) && frameworkId == null) {
      throw BerthException.badRequest("Expecting 'framework_id' to be present");
    }
    return new FrameworkCall(frameworkId, call);
  }

  private static SchedulerCall.Accept readAccept(JsonNode accept, String frameworkId) {
    List<Operation> operations = new ArrayList<>();
    for (JsonNode op : accept.path("operations")) {
      String type = op.path("type").asText("");
      switch (type) {
        case "LAUNCH" -> {
          List<TaskInfo> tasks = new ArrayList<>();
          for (JsonNode t : op.path("launch").path("task_infos")) {
            tasks.add(MesosTasks.readTask(t, frameworkId));
          }
          operations.add(new Operation.Launch(tasks));
        }
        case "LAUNCH_GROUP" -> operations.add(new Operation.Launch(MesosTaskGroups.read(op.path("launch_group"), frameworkId)));
        default -> throw BerthException.invalid("Unsupported offer operation '" + type
            + "' (LAUNCH and LAUNCH_GROUP are supported)");
      }
    }
    return new SchedulerCall.Accept(offerIds(accept), operations, filters(accept));
  }

  private static List<String> offerIds(JsonNode node) {
    List<String> ids = new ArrayList<>();
    for (JsonNode id : node.path("offer_ids")) {
      ids.add(id.path("value").asText());
    }
    return ids;
  }

  private static Filters filters(JsonNode node) {
    JsonNode refuse = node.path("filters").path("refuse_seconds");
    return refuse.isNumber() ? new Filters(refuse.asDouble()) : Filters.DEFAULT;
  }

  public static ObjectNode writeCall(String frameworkId, SchedulerCall call, String role) {
    ObjectNode node = NODES.objectNode();
    if (frameworkId != null) {
      node.set("framework_id", MesosTasks.value(frameworkId));
    }
    switch (call) {
      case SchedulerCall.Subscribe s -> node.put("type", "SUBSCRIBE").putObject("subscribe")
          .set("framework_info", writeFramework(s.framework()));
      case SchedulerCall.Accept a -> {
        ObjectNode accept = node.put("type", "ACCEPT").putObject("accept");
        a.offerIds().forEach(id -> accept.withArray("offer_ids").add(MesosTasks.value(id)));
        ArrayNode ops = accept.putArray("operations");
        for (Operation op : a.operations()) {
          switch (op) {
            case Operation.Launch l -> {
              // plain tasks in one LAUNCH, each task group in a LAUNCH_GROUP of its own
              List<TaskInfo> plain = l.tasks().stream().filter(t -> t.group() == null).toList();
              if (!plain.isEmpty() || l.tasks().isEmpty()) {
                ArrayNode infos = ops.addObject().put("type", "LAUNCH").putObject("launch").putArray("task_infos");
                plain.forEach(t -> infos.add(MesosTasks.writeTask(t, role)));
              }
              l.tasks().stream().filter(t -> t.group() != null)
                  .collect(java.util.stream.Collectors.groupingBy(TaskInfo::executorId, LinkedHashMap::new,
                      java.util.stream.Collectors.toList()))
                  .values().forEach(group -> ops.add(MesosTaskGroups.write(group, frameworkId, role)));
            }
          }
        }
        accept.putObject("filters").put("refuse_seconds", a.filters().refuseSeconds());
      }
      case SchedulerCall.Decline d -> {
        ObjectNode decline = node.put("type", "DECLINE").putObject("decline");
        d.offerIds().forEach(id -> decline.withArray("offer_ids").add(MesosTasks.value(id)));
        decline.putObject("filters").put("refuse_seconds", d.filters().refuseSeconds());
      }
      case SchedulerCall.Revive r -> node.put("type", "REVIVE");
      case SchedulerCall.Suppress s -> node.put("type", "SUPPRESS");
      case SchedulerCall.Kill k -> {
        ObjectNode kill = node.put("type", "KILL").putObject("kill");
        kill.set("task_id", MesosTasks.value(k.taskId()));
        if (k.agentId() != null) {
          kill.set("agent_id", MesosTasks.value(k.agentId()));
        }
        if (k.gracePeriodSeconds() != null) {
          kill.putObject("kill_policy").putObject("grace_period").put("nanoseconds", (long) (k.gracePeriodSeconds() * 1e9));
        }
      }
      case SchedulerCall.Acknowledge a -> {
        ObjectNode ack = node.put("type", "ACKNOWLEDGE").putObject("acknowledge");
        ack.set("agent_id", MesosTasks.value(a.agentId()));
        ack.set("task_id", MesosTasks.value(a.taskId()));
        ack.put("uuid", MesosTasks.encodeUuid(a.uuid()));
      }
      case SchedulerCall.Reconcile r -> {
        ArrayNode tasks = node.put("type", "RECONCILE").putObject("reconcile").putArray("tasks");
        for (SchedulerCall.TaskRef ref : r.tasks()) {
          ObjectNode t = tasks.addObject();
          t.set("task_id", MesosTasks.value(ref.taskId()));
          if (ref.agentId() != null) {
            t.set("agent_id", MesosTasks.value(ref.agentId()));
          }
        }
      }
      case SchedulerCall.Teardown t -> node.put("type", "TEARDOWN");
    }
    return node;
  }

  // ---- frameworks and offers ----

  public static FrameworkInfo readFramework(JsonNode node) {
    if (!node.isObject()) {
      throw BerthException.badRequest("SUBSCRIBE needs 'subscribe.framework_info'");
    }
    if (!node.hasNonNull("name") || !node.hasNonNull("user")) {
      throw BerthException.badRequest("'framework_info' needs 'name' and 'user'");
    }
    List<String> capabilities = new ArrayList<>();
    node.path("capabilities").forEach(c -> capabilities.add(c.path("type").asText()));
    String role = node.hasNonNull("role") ? node.get("role").asText()
        : node.path("roles").isArray() && !node.path("roles").isEmpty() ? node.path("roles").get(0).asText() : "*";
    return new FrameworkInfo(node.path("id").hasNonNull("value") ? node.path("id").path("value").asText() : null,
        node.get("name").asText(), node.get("user").asText(), role, node.path("failover_timeout").asDouble(0),
        node.path("checkpoint").asBoolean(false), text(node, "hostname"), text(node, "webui_url"),
        text(node, "principal"), capabilities);
  }

  public static ObjectNode writeFramework(FrameworkInfo f) {
    ObjectNode node = NODES.objectNode().put("name", f.name()).put("user", f.user()).put("role", f.role())
        .put("failover_timeout", f.failoverTimeoutSeconds()).put("checkpoint", f.checkpoint());
    if (f.id() != null) {
      node.set("id", MesosTasks.value(f.id()));
    }
    putIf(node, "hostname", f.hostname());
    putIf(node, "webui_url", f.webuiUrl());
    putIf(node, "principal", f.principal());
    f.capabilities().forEach(c -> node.withArray("capabilities").addObject().put("type", c));
    return node;
  }

  static ObjectNode writeOffer(Offer o, String role) {
    ObjectNode node = NODES.objectNode();
    node.set("id", MesosTasks.value(o.id()));
    node.set("framework_id", MesosTasks.value(o.frameworkId()));
    node.set("agent_id", MesosTasks.value(o.agentId()));
    node.put("hostname", o.hostname());
    if (o.agentUrl() != null) {
      URI uri = URI.create(o.agentUrl());
      ObjectNode url = node.putObject("url").put("scheme", uri.getScheme()).put("path", "/slave(1)");
      url.putObject("address").put("hostname", o.hostname()).put("ip", uri.getHost()).put("port", uri.getPort());
    }
    node.set("resources", MesosResources.write(o.resources(), role));
    ArrayNode attributes = node.putArray("attributes");
    o.attributes().forEach((k, v) -> attributes.addObject().put("name", k).put("type", "TEXT").putObject("text").put("value", v));
    if (o.domain() != null) {
      ObjectNode fd = node.putObject("domain").putObject("fault_domain");
      fd.putObject("region").put("name", o.domain().region());
      fd.putObject("zone").put("name", o.domain().zone());
    }
    return node;
  }

  static Offer readOffer(JsonNode node) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (JsonNode a : node.path("attributes")) {
      JsonNode text = a.path("text").path("value");
      attributes.put(a.path("name").asText(), text.isMissingNode() ? a.path("scalar").path("value").asText() : text.asText());
    }
    JsonNode fd = node.path("domain").path("fault_domain");
    JsonNode address = node.path("url").path("address");
    String url = address.isMissingNode() ? null
        : node.path("url").path("scheme").asText("http") + "://" + address.path("ip").asText() + ":" + address.path("port").asInt();
    return new Offer(MesosTasks.valueOf(node, "id", "offer"), MesosTasks.valueOf(node, "framework_id", "offer"),
        MesosTasks.valueOf(node, "agent_id", "offer"), node.path("hostname").asText(), url,
        MesosResources.read(node.path("resources"), "offer"), attributes,
        fd.isMissingNode() ? null : new FaultDomain(fd.path("region").path("name").asText(), fd.path("zone").path("name").asText()));
  }

  // ---- events ----

  public static ObjectNode writeEvent(SchedulerEvent event, String role) {
    ObjectNode node = NODES.objectNode();
    switch (event) {
      case SchedulerEvent.Subscribed s -> {
        ObjectNode sub = node.put("type", "SUBSCRIBED").putObject("subscribed");
        sub.set("framework_id", MesosTasks.value(s.frameworkId()));
        sub.put("heartbeat_interval_seconds", s.heartbeatIntervalSeconds());
        if (s.masterUrl() != null) {
          URI uri = URI.create(s.masterUrl());
          sub.putObject("master_info").put("hostname", uri.getHost()).put("port", uri.getPort())
              .putObject("address").put("ip", uri.getHost()).put("port", uri.getPort());
        }
      }
      case SchedulerEvent.Offers o -> {
        ArrayNode offers = node.put("type", "OFFERS").putObject("offers").putArray("offers");
        o.offers().forEach(offer -> offers.add(writeOffer(offer, role)));
      }
      case SchedulerEvent.Rescind r -> node.put("type", "RESCIND").putObject("rescind").set("offer_id", MesosTasks.value(r.offerId()));
      case SchedulerEvent.Update u -> node.put("type", "UPDATE").putObject("update").set("status", MesosTasks.writeStatus(u.status()));
      case SchedulerEvent.Failure f -> node.put("type", "FAILURE").putObject("failure").set("agent_id", MesosTasks.value(f.agentId()));
      case SchedulerEvent.Error e -> node.put("type", "ERROR").putObject("error").put("message", e.message());
      case SchedulerEvent.Heartbeat h -> node.put("type", "HEARTBEAT");
    }
    return node;
  }

  public static SchedulerEvent readEvent(JsonNode node, String frameworkId) {
    String type = node.path("type").asText("").toUpperCase(Locale.ROOT);
    return switch (type) {
      case "SUBSCRIBED" -> {
        JsonNode sub = node.path("subscribed");
        JsonNode master = sub.path("master_info");
        yield new SchedulerEvent.Subscribed(MesosTasks.valueOf(sub, "framework_id", "SUBSCRIBED"),
            sub.path("heartbeat_interval_seconds").asDouble(15),
            master.isMissingNode() ? null : "http://" + master.path("hostname").asText() + ":" + master.path("port").asInt());
      }
      case "OFFERS" -> {
        List<Offer> offers = new ArrayList<>();
        node.path("offers").path("offers").forEach(o -> offers.add(readOffer(o)));
        yield new SchedulerEvent.Offers(offers);
      }
      case "RESCIND" -> new SchedulerEvent.Rescind(MesosTasks.valueOf(node.path("rescind"), "offer_id", "RESCIND"));
      case "UPDATE" -> new SchedulerEvent.Update(MesosTasks.readStatus(node.path("update").path("status"), frameworkId));
      case "FAILURE" -> new SchedulerEvent.Failure(node.path("failure").path("agent_id").path("value").asText(null));
      case "ERROR" -> new SchedulerEvent.Error(node.path("error").path("message").asText());
      case "HEARTBEAT" -> new SchedulerEvent.Heartbeat();
      default -> throw BerthException.badRequest("Unknown event type '" + type + "'");
    };
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  private static void putIf(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}

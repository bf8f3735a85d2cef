package io.berth.framework.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.common.error.BerthException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TaskInfo and TaskStatus in Mesos v1 JSON. */
final class MesosTasks {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private MesosTasks() {}

  static ObjectNode value(String v) {
    return NODES.objectNode().put("value", v);
  }

  static String valueOf(JsonNode node, String field, String where) {
    JsonNode v = node.path(field).path("value");
    if (!v.isTextual() || v.asText().isBlank()) {
      throw BerthException.badRequest(where + ": missing '" + field + ".value'");
    }
    return v.asText();
  }

  static ObjectNode writeTask(TaskInfo t, String role) {
    ObjectNode node = NODES.objectNode();
    node.put("name", t.name());
    node.set("task_id", value(t.id()));
    node.set("agent_id", value(t.agentId()));
    node.set("resources", MesosResources.write(t.resources(), role));
    ObjectNode cmd = node.putObject("command");
    cmd.put("shell", t.command().shell());
    if (t.command().value() != null) {
      cmd.put("value", t.command().value());
    }
    t.command().arguments().forEach(cmd.withArray("arguments")::add);
    if (t.command().user() != null) {
      cmd.put("user", t.command().user());
    }
    ArrayNode vars = cmd.putObject("environment").putArray("variables");
    t.command().environment().forEach((k, v) -> vars.addObject().put("name", k).put("type", "VALUE").put("value", v));
    for (CommandInfo.FetchUri uri : t.command().uris()) {
      ObjectNode u = cmd.withArray("uris").addObject().put("value", uri.value()).put("extract", uri.extract())
          .put("executable", uri.executable()).put("cache", uri.cache());
      if (uri.outputFile() != null) {
        u.put("output_file", uri.outputFile());
      }
    }
    ArrayNode labels = node.putObject("labels").putArray("labels");
    t.labels().forEach((k, v) -> labels.addObject().put("key", k).put("value", v));
    node.putObject("kill_policy").putObject("grace_period").put("nanoseconds", (long) (t.killGracePeriodSeconds() * 1e9));
    if (!t.portNames().isEmpty()) {
      ArrayNode ports = node.putObject("discovery").put("visibility", "FRAMEWORK").put("name", t.name())
          .putObject("ports").putArray("ports");
      List<Long> numbers = t.resources().ports().lowest(t.portNames().size());
      for (int i = 0; i < t.portNames().size(); i++) {
        ObjectNode p = ports.addObject().put("name", t.portNames().get(i)).put("protocol", "tcp");
        if (i < numbers.size()) {
          p.put("number", numbers.get(i));
        }
      }
    }
    return node;
  }

  static TaskInfo readTask(JsonNode node, String frameworkId) {
    String id = valueOf(node, "task_id", "task");
    String where = "task '" + id + "'";
    JsonNode cmd = node.path("command");
    if (!cmd.isObject()) {
      throw BerthException.invalid(where + ": needs a 'command' (executors and containers are not supported yet)");
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode v : cmd.path("environment").path("variables")) {
      env.put(v.path("name").asText(), v.path("value").asText());
    }
    List<String> args = new ArrayList<>();
    cmd.path("arguments").forEach(a -> args.add(a.asText()));
    List<CommandInfo.FetchUri> uris = new ArrayList<>();
    for (JsonNode u : cmd.path("uris")) {
      uris.add(new CommandInfo.FetchUri(u.path("value").asText(), u.path("extract").asBoolean(true),
          u.path("executable").asBoolean(false), u.path("cache").asBoolean(false),
          u.hasNonNull("output_file") ? u.get("output_file").asText() : null));
    }
    CommandInfo command = new CommandInfo(cmd.path("shell").asBoolean(true),
        cmd.hasNonNull("value") ? cmd.get("value").asText() : null, args, env,
        cmd.hasNonNull("user") ? cmd.get("user").asText() : null, uris);
    Map<String, String> labels = new LinkedHashMap<>();
    for (JsonNode l : node.path("labels").path("labels")) {
      labels.put(l.path("key").asText(), l.path("value").asText());
    }
    List<String> portNames = new ArrayList<>();
    for (JsonNode p : node.path("discovery").path("ports").path("ports")) {
      portNames.add(p.path("name").asText("port" + portNames.size()));
    }
    JsonNode grace = node.path("kill_policy").path("grace_period").path("nanoseconds");
    double graceSeconds = grace.isNumber() ? grace.asLong() / 1e9 : TaskInfo.DEFAULT_KILL_GRACE_SECONDS;
    return new TaskInfo(id, node.path("name").asText(id), frameworkId, valueOf(node, "agent_id", where),
        MesosResources.read(node.path("resources"), where), command, portNames, labels, graceSeconds);
  }

  static ObjectNode writeStatus(TaskStatus s) {
    ObjectNode node = NODES.objectNode();
    node.set("task_id", value(s.taskId()));
    node.put("state", s.state().name());
    if (s.agentId() != null) {
      node.set("agent_id", value(s.agentId()));
    }
    if (s.source() != null) {
      node.put("source", s.source().name());
    }
    if (s.reason() != null) {
      node.put("reason", s.reason().name());
    }
    if (s.message() != null) {
      node.put("message", s.message());
    }
    if (s.timestamp() != null) {
      node.put("timestamp", s.timestamp().toEpochMilli() / 1000.0);
    }
    if (s.uuid() != null) {
      node.put("uuid", encodeUuid(s.uuid()));
    }
    if (s.healthy() != null) {
      node.put("healthy", s.healthy());
    }
    if (s.containerId() != null) {
      node.putObject("container_status").set("container_id", value(s.containerId()));
    }
    return node;
  }

  static TaskStatus readStatus(JsonNode node, String frameworkId) {
    String taskId = valueOf(node, "task_id", "status");
    JsonNode ts = node.path("timestamp");
    return new TaskStatus(taskId, frameworkId,
        node.path("agent_id").hasNonNull("value") ? node.path("agent_id").path("value").asText() : null,
        TaskState.valueOf(node.path("state").asText("TASK_UNKNOWN")),
        node.hasNonNull("reason") ? TaskStatus.Reason.valueOf(node.get("reason").asText()) : null,
        node.hasNonNull("source") ? TaskStatus.Source.valueOf(node.get("source").asText()) : null,
        node.hasNonNull("message") ? node.get("message").asText() : null,
        ts.isNumber() ? Instant.ofEpochMilli((long) (ts.asDouble() * 1000)) : null,
        node.hasNonNull("uuid") ? decodeUuid(node.get("uuid").asText()) : null,
        node.hasNonNull("healthy") ? node.get("healthy").asBoolean() : null,
        node.path("container_status").path("container_id").hasNonNull("value")
            ? node.path("container_status").path("container_id").path("value").asText() : null,
        null);
  }

  /** Mesos status uuids are bytes, base64 in JSON; Berth's are strings, so the string's bytes are encoded. */
  static String encodeUuid(String uuid) {
    return Base64.getEncoder().encodeToString(uuid.getBytes(StandardCharsets.UTF_8));
  }

  static String decodeUuid(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw BerthException.badRequest("'uuid' is not valid base64: " + base64);
    }
  }
}

package io.berth.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Mesos master's operator API ({@code /mesos/...}) and an agent's public API ({@code /agent/<id>/...}) through the
 * gateway: cluster state, agents, frameworks, tasks, sandboxes (the files API), and Berth's task launcher.
 */
public final class MesosClient {
  private final GatewayHttp http;

  public MesosClient(GatewayHttp http) {
    this.http = http;
  }

  /** {@code /master/state}: agents, frameworks with their tasks and completed tasks, the leader. */
  public JsonNode state() {
    return http.get("/mesos/master/state");
  }

  public JsonNode agents() {
    return http.get("/mesos/master/slaves");
  }

  public JsonNode frameworks() {
    return http.get("/mesos/master/frameworks");
  }

  /** An agent's own state: frameworks, executors with their sandbox directories. */
  public JsonNode agentState(String agentId) {
    return http.get("/agent/" + GatewayHttp.encode(agentId) + "/slave(1)/state");
  }

  /** The entries of a sandbox directory (or the one entry of a file). */
  public JsonNode browse(String agentId, String path) {
    return http.get("/agent/" + GatewayHttp.encode(agentId) + "/files/browse?path=" + GatewayHttp.encode(path));
  }

  /** {@code {"data", "offset"}}: up to {@code length} bytes at {@code offset}; offset -1 gives the size as offset. */
  public JsonNode read(String agentId, String path, long offset, long length) {
    return http.get("/agent/" + GatewayHttp.encode(agentId) + "/files/read?path=" + GatewayHttp.encode(path)
        + "&offset=" + offset + "&length=" + length);
  }

  /** Kills a task of Berth's launcher framework ({@code DELETE /berth/v1/tasks/<id>} on the master). */
  public JsonNode killLaunched(String taskId) {
    return http.send("DELETE", "/mesos/berth/v1/tasks/" + GatewayHttp.encode(taskId), null);
  }

  /**
   * Journal entries of a node through the DC/OS logs API (one JSON object per entry, oldest first; none when the API
   * answers 204): the leading master's ({@code agentId} null) or an agent's. {@code pathAndQuery} is the API's route,
   * e.g. {@code /v1/range/?skip_prev=10} or {@code /v2/component/berth-marathon.service?skip=-10}.
   */
  public java.util.List<JsonNode> nodeLogs(String agentId, String pathAndQuery) {
    String base = agentId == null ? "/system/v1/logs" : "/system/v1/agent/" + GatewayHttp.encode(agentId) + "/logs";
    String text = new String(http.bytes("GET", base + pathAndQuery), java.nio.charset.StandardCharsets.UTF_8);
    return text.lines().filter(line -> !line.isBlank()).map(line -> io.berth.common.json.Json.tree(
        line.getBytes(java.nio.charset.StandardCharsets.UTF_8))).toList();
  }

  /** A Mesos-DNS answer through the gateway: {@code /v1/hosts/<name>} or {@code /v1/services/<name>} for SRV names. */
  public JsonNode dns(String name) {
    String kind = name.startsWith("_") ? "services" : "hosts";
    return http.get("/mesos_dns/v1/" + kind + "/" + GatewayHttp.encode(name));
  }
}

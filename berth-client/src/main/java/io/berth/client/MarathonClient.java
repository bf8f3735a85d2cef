package io.berth.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Marathon's {@code /v2} API through the gateway ({@code /marathon/v2}): apps, groups, pods, deployments, tasks. */
public final class MarathonClient {
  private static final String V2 = "/marathon/v2";
  private final GatewayHttp http;

  public MarathonClient(GatewayHttp http) {
    this.http = http;
  }

  /** An app or group id as a path: leading slash dropped, segments encoded. */
  public static String path(String id) {
    List<String> segments = new ArrayList<>();
    for (String s : id.replaceAll("^/+|/+$", "").split("/")) {
      if (!s.isEmpty()) {
        segments.add(GatewayHttp.encode(s));
      }
    }
    return String.join("/", segments);
  }

  public JsonNode apps() {
    return http.get(V2 + "/apps?embed=apps.deployments&embed=apps.lastTaskFailure");
  }

  public JsonNode app(String id) {
    return http.get(V2 + "/apps/" + path(id) + "?embed=app.lastTaskFailure").path("app");
  }

  public JsonNode appVersion(String id, String version) {
    return http.get(V2 + "/apps/" + path(id) + "/versions/" + GatewayHttp.encode(version));
  }

  public JsonNode versions(String id) {
    return http.get(V2 + "/apps/" + path(id) + "/versions");
  }

  /** Creates an app; the answer is the app with {@code deployments: [{id}]}. */
  public JsonNode createApp(JsonNode app) {
    return http.send("POST", V2 + "/apps", app);
  }

  /** Partially updates (or creates) an app; {@code {deploymentId, version}}. */
  public JsonNode updateApp(String id, JsonNode update, boolean force) {
    return http.send("PUT", V2 + "/apps/" + path(id) + (force ? "?force=true" : ""), update);
  }

  public JsonNode removeApp(String id, boolean force) {
    return http.send("DELETE", V2 + "/apps/" + path(id) + (force ? "?force=true" : ""), null);
  }

  public JsonNode restartApp(String id, boolean force) {
    return http.send("POST", V2 + "/apps/" + path(id) + "/restart" + (force ? "?force=true" : ""), null);
  }

  /** Kills an app's tasks (optionally only on {@code host}); with {@code scale} the app is scaled down by as many. */
  public JsonNode killAppTasks(String id, boolean scale, String host) {
    return http.send("DELETE", V2 + "/apps/" + path(id) + "/tasks?scale=" + scale
        + (host == null ? "" : "&host=" + GatewayHttp.encode(host)), null);
  }

  public JsonNode groups() {
    return http.get(V2 + "/groups");
  }

  public JsonNode group(String id) {
    return http.get(V2 + "/groups/" + path(id));
  }

  public JsonNode createGroup(JsonNode group) {
    return http.send("POST", V2 + "/groups", group);
  }

  public JsonNode updateGroup(String id, JsonNode update, boolean force) {
    return http.send("PUT", V2 + "/groups/" + path(id) + (force ? "?force=true" : ""), update);
  }

  public JsonNode scaleGroup(String id, double factor, boolean force) {
    return updateGroup(id, io.berth.common.json.Json.mapper().valueToTree(Map.of("scaleBy", factor)), force);
  }

  public JsonNode removeGroup(String id, boolean force) {
    return http.send("DELETE", V2 + "/groups/" + path(id) + (force ? "?force=true" : ""), null);
  }

  public JsonNode deployments() {
    return http.get(V2 + "/deployments");
  }

  /** Cancels a deployment: with {@code force} it just stops, without it a new deployment rolls its changes back. */
  public JsonNode cancelDeployment(String id, boolean force) {
    return http.send("DELETE", V2 + "/deployments/" + GatewayHttp.encode(id) + (force ? "?force=true" : ""), null);
  }

  public JsonNode tasks() {
    return http.get(V2 + "/tasks");
  }

  public JsonNode appTasks(String appId) {
    return http.get(V2 + "/apps/" + path(appId) + "/tasks");
  }

  /** Kills tasks by id; {@code scale} scales their apps down, {@code wipe} forgets their reservations. */
  public JsonNode killTasks(List<String> taskIds, boolean scale, boolean wipe) {
    return http.send("POST", V2 + "/tasks/delete?scale=" + scale + (wipe ? "&wipe=true" : ""), Map.of("ids", taskIds));
  }

  public JsonNode queue() {
    return http.get(V2 + "/queue");
  }

  public JsonNode pods() {
    return http.get(V2 + "/pods");
  }

  public JsonNode pod(String id) {
    return http.get(V2 + "/pods/" + path(id));
  }

  public JsonNode podStatus(String id) {
    return http.get(V2 + "/pods/" + path(id) + "::status");
  }

  public JsonNode createPod(JsonNode pod) {
    return http.send("POST", V2 + "/pods", pod);
  }

  public JsonNode updatePod(String id, JsonNode pod, boolean force) {
    return http.send("PUT", V2 + "/pods/" + path(id) + (force ? "?force=true" : ""), pod);
  }

  public JsonNode removePod(String id, boolean force) {
    return http.send("DELETE", V2 + "/pods/" + path(id) + (force ? "?force=true" : ""), null);
  }

  /** Kills pod instances ({@code DELETE ::instances}); Marathon replaces them while the pod wants them. */
  public JsonNode killPodInstances(String id, List<String> instanceIds) {
    return http.send("DELETE", V2 + "/pods/" + path(id) + "::instances", instanceIds);
  }

  public JsonNode info() {
    return http.get(V2 + "/info");
  }
}

package io.berth.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.BerthException;
import io.berth.marathon.deploy.DeploymentPlanner;
import io.berth.marathon.events.Timestamps;
import io.berth.marathon.model.AppNormalizer;
import io.berth.marathon.model.AppSpec;
import io.berth.marathon.model.PathId;
import io.berth.state.StateWriter;
import io.berth.state.apps.AppsImage;
import io.berth.state.apps.AppsRecord;
import io.berth.state.apps.StoredDeployment;
import io.berth.state.apps.StoredGroup;
import io.berth.state.image.ClusterImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One change of the root group as a state command: apps put (canonical, validated) or removed, groups put or
 * removed, apps to restart. {@link #apply} runs on the leader's loop against the latest image: it stamps versions,
 * assigns service ports, checks identifiers and locks, plans the deployment and yields one {@link AppsRecord.RootChanged}.
 */
record RootEdit(Map<String, ObjectNode> putApps, Set<String> removeApps, Map<String, StoredGroup> putGroups,
    Set<String> removeGroups, Set<String> restart) {

  static final int SERVICE_PORT_MIN = 10000;
  static final int SERVICE_PORT_MAX = 20000;
  /** Marathon's {@code --max_running_deployments}. */
  static final int MAX_RUNNING_DEPLOYMENTS = 100;

  static RootEdit apps(Map<String, ObjectNode> apps) {
    return new RootEdit(apps, Set.of(), Map.of(), Set.of(), Set.of());
  }

  /** The result: the deployment id and version, and the stored definitions of the put apps. */
  record Result(String deploymentId, String version, Map<String, JsonNode> apps, List<String> removed,
      StoredDeployment plan, List<StoredDeployment> cancelled) {}

  StateWriter.Write<Result> apply(ClusterImage image, Instant now, String deploymentId, boolean force) {
    AppsImage current = image.apps();
    String version = Timestamps.format(now);
    Map<String, JsonNode> target = new LinkedHashMap<>(current.apps());
    removeApps.forEach(target::remove);
    Map<String, JsonNode> stored = new LinkedHashMap<>();
    Set<Integer> usedServicePorts = new HashSet<>();
    current.apps().forEach((id, app) -> {
      if (!putApps.containsKey(id) && !removeApps.contains(id)) {
        AppJson.servicePorts(app).forEach(usedServicePorts::add);
      }
    });
    for (Map.Entry<String, ObjectNode> e : putApps.entrySet()) {
      ObjectNode app = e.getValue().deepCopy();
      JsonNode old = current.apps().get(e.getKey());
      assignServicePorts(app, old, usedServicePorts);
      stamp(app, old, version, restart.contains(e.getKey()));
      if (old == null || !old.equals(app)) {
        stored.put(e.getKey(), app);
      }
      target.put(e.getKey(), app);
    }
    Map<String, StoredGroup> groups = new LinkedHashMap<>(current.groups());
    removeGroups.forEach(groups::remove);
    groups.putAll(putGroups);
    Map<String, StoredGroup> newGroups = new LinkedHashMap<>(putGroups);
    for (String id : target.keySet()) {
      for (String g = PathId.parent(id); !g.equals("/"); g = PathId.parent(g)) {
        if (!groups.containsKey(g)) {
          StoredGroup sg = new StoredGroup(g, List.of(), version, false);
          groups.put(g, sg);
          newGroups.put(g, sg);
        }
      }
    }
    for (String id : target.keySet()) {
      if (groups.containsKey(id) || image.apps().pods().containsKey(id) && !removeApps.contains(id)) {
        throw BerthException.invalid("Groups and Applications may not have the same identifier.",
            List.of(BerthException.Detail.of("/id", "Groups and Applications may not have the same identifier.")));
      }
    }
    StoredDeployment plan = DeploymentPlanner.plan(deploymentId, version,
        new DeploymentPlanner.Root(current.apps(), current.groups()), new DeploymentPlanner.Root(target, groups),
        restart, now);
    if (!plan.steps().isEmpty() && current.deployments().size() >= MAX_RUNNING_DEPLOYMENTS) {
      throw BerthException.forbidden("Max number (" + MAX_RUNNING_DEPLOYMENTS + ") of running deployments is achieved. "
          + "Wait for existing deployments to complete or cancel them.");
    }
    List<String> conflicting = current.deployments().values().stream()
        .filter(d -> d.affectedApps().stream().anyMatch(plan.affectedApps()::contains)).map(StoredDeployment::id).toList();
    if (!conflicting.isEmpty() && !force) {
      throw new LockedException(conflicting);
    }
    Set<String> removedGroups = new LinkedHashSet<>(removeGroups);
    AppsRecord.RootChanged record = new AppsRecord.RootChanged(stored, new ArrayList<>(removeApps), Map.of(), List.of(),
        newGroups, new ArrayList<>(removedGroups), conflicting, plan.steps().isEmpty() ? null : plan, now);
    List<StoredDeployment> cancelled = conflicting.stream().map(current.deployments()::get).toList();
    return StateWriter.Write.of(new Result(deploymentId, version, stored, List.copyOf(removeApps), plan, cancelled), record);
  }

  /** Sets version and versionInfo (spec §4.18) from the old definition and the kind of change. */
  static void stamp(ObjectNode app, JsonNode old, String now, boolean restart) {
    app.remove(List.of("version", "versionInfo"));
    String configAt;
    String scaleAt;
    String version;
    if (old == null) {
      configAt = scaleAt = version = now;
    } else {
      ObjectNode oldCopy = old.deepCopy();
      String oldConfig = old.path("versionInfo").path("lastConfigChangeAt").asText(now);
      String oldScale = old.path("versionInfo").path("lastScalingAt").asText(now);
      ObjectNode probe = app.deepCopy();
      probe.set("version", old.path("version"));
      probe.set("versionInfo", old.path("versionInfo"));
      if (restart) {
        configAt = now;
        scaleAt = oldScale;
        version = now;
      } else if (AppSpec.needsRestart(oldCopy, probe)) {
        configAt = scaleAt = version = now;
      } else if (old.path("instances").asInt() != app.path("instances").asInt()) {
        configAt = oldConfig;
        scaleAt = version = now;
      } else {
        configAt = oldConfig;
        scaleAt = oldScale;
        version = old.path("version").asText(now);
      }
    }
    app.put("version", version);
    app.putObject("versionInfo").put("lastScalingAt", scaleAt).put("lastConfigChangeAt", configAt);
  }

  /** Service ports left at 0 get a cluster-unique port from [10000, 20000), keeping the app's earlier ones. */
  static void assignServicePorts(ObjectNode app, JsonNode old, Set<Integer> used) {
    boolean host = "host".equals(AppNormalizer.networkMode(app));
    JsonNode list = host ? app.path("portDefinitions") : app.path("container").path("portMappings");
    String field = host ? "port" : "servicePort";
    List<Integer> previous = old == null ? List.of() : AppJson.servicePorts(old);
    boolean literal = host && app.path("requirePorts").asBoolean(false);
    int index = 0;
    for (JsonNode p : list) {
      if (p instanceof ObjectNode o && !literal) {
        int port = o.path(field).asInt(0);
        if (port == 0) {
          Integer keep = index < previous.size() ? previous.get(index) : null;
          if (keep != null && keep != 0 && !used.contains(keep)) {
            port = keep;
          } else {
            port = SERVICE_PORT_MIN;
            while (used.contains(port) && port < SERVICE_PORT_MAX) {
              port++;
            }
          }
          o.put(field, port);
        }
        used.add(port);
      }
      index++;
    }
  }
}

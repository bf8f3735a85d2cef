package io.berth.marathon.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.BerthException;
import io.berth.marathon.model.AppSpec;
import io.berth.marathon.model.PathId;
import io.berth.state.apps.StoredDeployment;
import io.berth.state.apps.StoredGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pure deployment planner (spec §7): from the original and the target root group (apps and groups) to a plan.
 * Stops first, then the StartApplication placeholders, then scale and restart actions layered by the longest
 * dependency path of the target, so that every app starts after its dependencies. No I/O, no clock.
 */
public final class DeploymentPlanner {
  private DeploymentPlanner() {}

  /** The original and target root: apps by id (canonical JSON) and explicit groups by id. */
  public record Root(Map<String, JsonNode> apps, Map<String, StoredGroup> groups) {}

  /**
   * The plan from {@code original} to {@code target}; {@code restart} names apps whose tasks must be replaced even
   * without a config change. A plan may have no steps.
   *
   * @throws BerthException 422 when the target's dependencies form a cycle
   */
  public static StoredDeployment plan(String id, String version, Root original, Root target, Set<String> restart,
      Instant at) {
    List<StoredDeployment.Step> steps = new ArrayList<>();
    List<StoredDeployment.Action> stops = new ArrayList<>();
    List<StoredDeployment.Action> starts = new ArrayList<>();
    Map<String, JsonNode> originals = new LinkedHashMap<>();
    for (String app : original.apps().keySet()) {
      if (!target.apps().containsKey(app)) {
        stops.add(new StoredDeployment.Action("StopApplication", app, null));
        originals.put(app, original.apps().get(app));
      }
    }
    Map<String, String> changes = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : target.apps().entrySet()) {
      JsonNode before = original.apps().get(e.getKey());
      if (before == null) {
        starts.add(new StoredDeployment.Action("StartApplication", e.getKey(), null));
        changes.put(e.getKey(), "ScaleApplication");
      } else if (restart.contains(e.getKey()) || AppSpec.needsRestart(before, e.getValue())) {
        changes.put(e.getKey(), "RestartApplication");
        originals.put(e.getKey(), before);
      } else if (before.path("instances").asInt() != e.getValue().path("instances").asInt()) {
        changes.put(e.getKey(), "ScaleApplication");
        originals.put(e.getKey(), before);
      }
    }
    if (!stops.isEmpty()) {
      steps.add(new StoredDeployment.Step(stops));
    }
    if (!starts.isEmpty()) {
      steps.add(new StoredDeployment.Step(starts));
    }
    Map<String, Integer> layer = layers(target);
    TreeMap<Integer, List<StoredDeployment.Action>> byLayer = new TreeMap<>();
    changes.forEach((app, action) -> byLayer.computeIfAbsent(layer.getOrDefault(app, 0), k -> new ArrayList<>())
        .add(new StoredDeployment.Action(action, app, null)));
    byLayer.values().forEach(actions -> steps.add(new StoredDeployment.Step(actions)));
    Set<String> affected = new LinkedHashSet<>();
    steps.forEach(s -> s.actions().forEach(a -> affected.add(a.app())));
    return new StoredDeployment(id, version, List.copyOf(affected), List.of(), steps, 0, originals, at);
  }

  /** Each target app's layer: 0 without dependencies, else 1 + the highest layer of what it depends on. */
  static Map<String, Integer> layers(Root target) {
    Map<String, Set<String>> deps = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : target.apps().entrySet()) {
      Set<String> resolved = new LinkedHashSet<>();
      List<String> declared = new ArrayList<>();
      e.getValue().path("dependencies").forEach(d -> declared.add(d.asText()));
      for (String group = PathId.parent(e.getKey()); ; group = PathId.parent(group)) {
        StoredGroup g = target.groups().get(group);
        if (g != null) {
          String base = PathId.parent(group);
          g.dependencies().forEach(d -> declared.add(PathId.resolve(base, d)));
        }
        if (group.equals("/")) {
          break;
        }
      }
      for (String d : declared) {
        for (String other : target.apps().keySet()) {
          if (!other.equals(e.getKey()) && PathId.isWithin(other, d) && !d.equals("/")) {
            resolved.add(other);
          }
        }
      }
      deps.put(e.getKey(), resolved);
    }
    Map<String, Integer> layer = new HashMap<>();
    for (String app : target.apps().keySet()) {
      layerOf(app, deps, layer, new LinkedHashSet<>());
    }
    return layer;
  }

  private static int layerOf(String app, Map<String, Set<String>> deps, Map<String, Integer> layer, Set<String> path) {
    Integer known = layer.get(app);
    if (known != null) {
      return known;
    }
    if (!path.add(app)) {
      throw BerthException.invalid("Object is not valid", List.of(BerthException.Detail.of("/",
          "Dependency graph has cyclic dependencies: " + String.join(" -> ", path) + " -> " + app)));
    }
    int mine = 0;
    for (String d : deps.getOrDefault(app, Set.of())) {
      mine = Math.max(mine, layerOf(d, deps, layer, path) + 1);
    }
    path.remove(app);
    layer.put(app, mine);
    return mine;
  }
}

package io.berth.state.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.state.record.MarathonRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Marathon's apps, pods, groups, deployments and launch delays in the cluster image. Apps and pods are kept as
 * their canonical JSON definitions (what {@code GET} returns), with up to {@link #MAX_VERSIONS} stored versions
 * each. Immutable; {@link #apply} is pure. Instances are the Marathon framework's tasks in the cluster image.
 */
public record AppsImage(
    Map<String, JsonNode> apps,
    Map<String, List<JsonNode>> appVersions,
    Map<String, JsonNode> pods,
    Map<String, StoredGroup> groups,
    Map<String, StoredDeployment> deployments,
    Map<String, LaunchDelay> delays) {

  /** Stored versions per app and per pod ({@code appVersions}, keyed by run spec id), as Marathon's {@code --zk_max_versions}. */
  public static final int MAX_VERSIONS = 50;
  public static final AppsImage EMPTY = new AppsImage(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

  public AppsImage {
    apps = copy(apps);
    appVersions = copy(appVersions);
    pods = copy(pods);
    groups = copy(groups);
    deployments = copy(deployments);
    delays = copy(delays);
  }

  private static <V> Map<String, V> copy(Map<String, V> m) {
    return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  public Optional<JsonNode> app(String id) {
    return Optional.ofNullable(apps.get(id));
  }

  /** The deployments that affect a run spec. */
  public List<StoredDeployment> deploymentsOf(String runSpecId) {
    return deployments.values().stream().filter(d -> d.affects(runSpecId)).toList();
  }

  /** The image after one record. */
  public AppsImage apply(MarathonRecord record) {
    if (!(record instanceof AppsRecord r)) {
      throw new IllegalArgumentException("unknown Marathon record " + record);
    }
    return switch (r) {
      case AppsRecord.RootChanged c -> rootChanged(c);
      case AppsRecord.DeploymentAdvanced a -> {
        StoredDeployment d = deployments.get(a.deploymentId());
        if (d == null) {
          yield this;
        }
        Map<String, StoredDeployment> next = new LinkedHashMap<>(deployments);
        next.put(d.id(), d.atStep(a.currentStep()));
        yield new AppsImage(apps, appVersions, pods, groups, next, delays);
      }
      case AppsRecord.DeploymentEnded e -> {
        Map<String, StoredDeployment> next = new LinkedHashMap<>(deployments);
        next.remove(e.deploymentId());
        yield new AppsImage(apps, appVersions, pods, groups, next, delays);
      }
      case AppsRecord.LaunchDelayed l -> {
        Map<String, LaunchDelay> next = new LinkedHashMap<>(delays);
        next.put(l.delay().appId(), l.delay());
        yield new AppsImage(apps, appVersions, pods, groups, deployments, next);
      }
      case AppsRecord.LaunchDelayReset l -> {
        Map<String, LaunchDelay> next = new LinkedHashMap<>(delays);
        next.remove(l.appId());
        yield new AppsImage(apps, appVersions, pods, groups, deployments, next);
      }
    };
  }

  private AppsImage rootChanged(AppsRecord.RootChanged c) {
    Map<String, JsonNode> nextApps = new LinkedHashMap<>(apps);
    Map<String, List<JsonNode>> nextVersions = new LinkedHashMap<>(appVersions);
    Map<String, LaunchDelay> nextDelays = new LinkedHashMap<>(delays);
    c.removedApps().forEach(id -> {
      nextApps.remove(id);
      nextVersions.remove(id);
      nextDelays.remove(id);
    });
    c.putApps().forEach((id, app) -> {
      JsonNode old = nextApps.put(id, app);
      keepVersion(nextVersions, id, app);
      if (old == null || !old.path("versionInfo").path("lastConfigChangeAt").equals(app.path("versionInfo").path("lastConfigChangeAt"))) {
        nextDelays.remove(id);
      }
    });
    Map<String, JsonNode> nextPods = new LinkedHashMap<>(pods);
    c.removedPods().forEach(id -> {
      nextPods.remove(id);
      nextVersions.remove(id);
    });
    c.putPods().forEach((id, pod) -> {
      nextPods.put(id, pod);
      keepVersion(nextVersions, id, pod);
    });
    Map<String, StoredGroup> nextGroups = new LinkedHashMap<>(groups);
    c.removedGroups().forEach(nextGroups::remove);
    nextGroups.putAll(c.putGroups());
    Map<String, StoredDeployment> nextDeployments = new LinkedHashMap<>(deployments);
    c.cancelledDeployments().forEach(nextDeployments::remove);
    if (c.deployment() != null) {
      nextDeployments.put(c.deployment().id(), c.deployment());
    }
    return new AppsImage(nextApps, nextVersions, nextPods, nextGroups, nextDeployments, nextDelays);
  }

  /** Adds a definition to its run spec's stored versions (replacing one of the same version), oldest dropped first. */
  private static void keepVersion(Map<String, List<JsonNode>> versions, String id, JsonNode definition) {
    List<JsonNode> kept = new ArrayList<>(versions.getOrDefault(id, List.of()));
    String version = definition.path("version").asText();
    kept.removeIf(v -> v.path("version").asText().equals(version));
    kept.add(definition);
    while (kept.size() > MAX_VERSIONS) {
      kept.removeFirst();
    }
    versions.put(id, List.copyOf(kept));
  }
}

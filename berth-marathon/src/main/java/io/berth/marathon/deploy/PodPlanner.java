package io.berth.marathon.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.marathon.model.PodSpec;
import io.berth.state.apps.StoredDeployment;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure deployment planner for one pod (Marathon's pod actions): a new pod starts ({@code StartPod}, then
 * {@code ScalePod} to its count), a changed configuration restarts ({@code RestartPod}: a rolling upgrade), a new
 * count scales ({@code ScalePod}), a deleted pod stops ({@code StopPod}). No change: a plan without steps.
 */
public final class PodPlanner {
  private PodPlanner() {}

  /** The plan from {@code before} (null: the pod is new) to {@code after} (null: it is deleted). */
  public static StoredDeployment plan(String deploymentId, String version, String podId, JsonNode before,
      JsonNode after, Instant at) {
    List<StoredDeployment.Step> steps;
    if (after == null) {
      steps = before == null ? List.of() : List.of(step("StopPod", podId));
    } else if (before == null) {
      steps = List.of(step("StartPod", podId), step("ScalePod", podId));
    } else if (PodSpec.needsRestart(before, after)) {
      steps = List.of(step("RestartPod", podId));
    } else if (before.path("scaling").path("instances").asInt(1) != after.path("scaling").path("instances").asInt(1)) {
      steps = List.of(step("ScalePod", podId));
    } else {
      steps = List.of();
    }
    Map<String, JsonNode> original = new HashMap<>();
    if (before != null) {
      original.put(podId, before);
    }
    return new StoredDeployment(deploymentId, version, List.of(), steps.isEmpty() ? List.of() : List.of(podId), steps,
        0, original, at);
  }

  private static StoredDeployment.Step step(String action, String podId) {
    return new StoredDeployment.Step(List.of(new StoredDeployment.Action(action, null, podId)));
  }
}

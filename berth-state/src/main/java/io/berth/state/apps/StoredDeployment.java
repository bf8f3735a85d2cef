package io.berth.state.apps;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A running Marathon deployment: its plan (steps of actions), the 1-based step being executed (0 = not started),
 * and the definitions of the affected run specs before it ({@code original}; an id absent there did not exist), so
 * that a rollback can restore them.
 */
public record StoredDeployment(
    String id,
    String version,
    List<String> affectedApps,
    List<String> affectedPods,
    List<Step> steps,
    int currentStep,
    Map<String, JsonNode> original,
    Instant createdAt) {

  public StoredDeployment {
    affectedApps = List.copyOf(affectedApps);
    affectedPods = affectedPods == null ? List.of() : List.copyOf(affectedPods);
    steps = List.copyOf(steps);
    original = original == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(original));
  }

  /** One step: actions that run in parallel. */
  public record Step(List<Action> actions) {
    public Step {
      actions = List.copyOf(actions);
    }
  }

  /**
   * One action on one run spec: {@code action} is Marathon's name (StartApplication, StopApplication,
   * ScaleApplication, RestartApplication, and the Pod forms); {@code app} or {@code pod} is set.
   */
  public record Action(String action, String app, String pod) {
    public String runSpecId() {
      return app != null ? app : pod;
    }
  }

  public StoredDeployment atStep(int step) {
    return new StoredDeployment(id, version, affectedApps, affectedPods, steps, step, original, createdAt);
  }

  public boolean affects(String runSpecId) {
    return affectedApps.contains(runSpecId) || affectedPods.contains(runSpecId);
  }
}

package io.berth.state.apps;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.state.record.MarathonRecord;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Marathon's change records: every API change is one {@link RootChanged}; deployments and backoffs move on. */
@JsonSubTypes({
    @JsonSubTypes.Type(value = AppsRecord.RootChanged.class, name = "MarathonRootChanged"),
    @JsonSubTypes.Type(value = AppsRecord.DeploymentAdvanced.class, name = "MarathonDeploymentAdvanced"),
    @JsonSubTypes.Type(value = AppsRecord.DeploymentEnded.class, name = "MarathonDeploymentEnded"),
    @JsonSubTypes.Type(value = AppsRecord.LaunchDelayed.class, name = "MarathonLaunchDelayed"),
    @JsonSubTypes.Type(value = AppsRecord.LaunchDelayReset.class, name = "MarathonLaunchDelayReset"),
})
public sealed interface AppsRecord extends MarathonRecord {

  /**
   * One atomic change of the root group: apps, pods and groups put (whole canonical definitions) or removed, the
   * deployments it cancels (forced) and the deployment it starts (null when nothing must move).
   */
  record RootChanged(
      Map<String, JsonNode> putApps,
      List<String> removedApps,
      Map<String, JsonNode> putPods,
      List<String> removedPods,
      Map<String, StoredGroup> putGroups,
      List<String> removedGroups,
      List<String> cancelledDeployments,
      StoredDeployment deployment,
      Instant at) implements AppsRecord {
    public RootChanged {
      putApps = copy(putApps);
      removedApps = removedApps == null ? List.of() : List.copyOf(removedApps);
      putPods = copy(putPods);
      removedPods = removedPods == null ? List.of() : List.copyOf(removedPods);
      putGroups = copy(putGroups);
      removedGroups = removedGroups == null ? List.of() : List.copyOf(removedGroups);
      cancelledDeployments = cancelledDeployments == null ? List.of() : List.copyOf(cancelledDeployments);
    }
  }

  /** A deployment moved to the 1-based step {@code currentStep}. */
  record DeploymentAdvanced(String deploymentId, int currentStep) implements AppsRecord {}

  /** A deployment finished (all steps done) or failed; it leaves the list. */
  record DeploymentEnded(String deploymentId, boolean succeeded, String reason, Instant at) implements AppsRecord {}

  /** An app's launch backoff after a failure. */
  record LaunchDelayed(LaunchDelay delay) implements AppsRecord {}

  /** An app's launch backoff was reset (new version, {@code DELETE /v2/queue/{id}/delay}, app removed). */
  record LaunchDelayReset(String appId) implements AppsRecord {}

  private static <V> Map<String, V> copy(Map<String, V> m) {
    return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}

package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.CliFailure;
import io.berth.cli.output.ProgressBar;
import io.berth.cli.output.ProgressDisplay;
import io.berth.cli.output.WaitLimits;
import io.berth.client.ApiException;
import io.berth.client.MarathonClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Waits for a Marathon deployment and shows, per app, its instances running and healthy against the target. Ends when
 * the deployment is done (every app at its target or removed), or fails (exit 2) at the first new task failure of an
 * affected app, when the deployment ends short of its target (cancelled), or at the timeout.
 */
public final class DeploymentWait {
  /** How often the CLI asks while it waits. */
  public static final Duration POLL = Duration.ofMillis(400);

  private final MarathonClient marathon;
  private final ProgressDisplay display;
  private final WaitLimits limits;

  public DeploymentWait(MarathonClient marathon, ProgressDisplay display, WaitLimits limits) {
    this.marathon = marathon;
    this.display = display;
    this.limits = limits;
  }

  /** Waits for {@code deploymentId}; {@code apps} are watched too if the deployment is gone before it is seen. */
  public void await(String deploymentId, List<String> apps) {
    long start = limits.now();
    Set<String> watched = new LinkedHashSet<>(apps);
    Map<String, String> failuresSeen = new HashMap<>();
    Map<String, String> lastFailure = new HashMap<>();
    boolean first = true;
    while (true) {
      JsonNode deployment = find(marathon.deployments(), deploymentId);
      if (deployment != null) {
        deployment.path("affectedApps").forEach(a -> watched.add(a.asText()));
      }
      List<ProgressBar.Line> lines = new ArrayList<>();
      boolean allAtTarget = true;
      for (String id : watched) {
        JsonNode app = app(id);
        if (app == null) {
          lines.add(new ProgressBar.Line(id, 1, 1, "removed"));
          continue;
        }
        AppProgress p = AppProgress.of(app);
        allAtTarget &= p.atTarget();
        lines.add(p.line(deployment != null));
        String failure = AppProgress.failure(app);
        if (failure != null && !p.atTarget()) {
          lastFailure.put(id, failure);
        }
        if (first) {
          failuresSeen.put(id, failure);
        } else if (failure != null && !failure.equals(failuresSeen.get(id))) {
          display.show(lines);
          throw CliFailure.server("deployment " + deploymentId + " failed: " + failure
              + " (Marathon keeps trying; see berth marathon deployment list)");
        }
      }
      first = false;
      display.show(lines);
      if (deployment == null) {
        if (!allAtTarget) {
          throw CliFailure.server("deployment " + deploymentId + " ended before its apps reached their target"
              + (lastFailure.isEmpty() ? " (cancelled or replaced)" : ": " + String.join("; ", lastFailure.values())));
        }
        display.done("Deployment " + deploymentId + " finished.");
        return;
      }
      if (limits.expired(start)) {
        throw CliFailure.server("deployment " + deploymentId + " is not finished after " + limits.timeout().toSeconds()
            + " s (it goes on: berth marathon deployment watch " + deploymentId + ")");
      }
      limits.pause();
    }
  }

  private static JsonNode find(JsonNode deployments, String id) {
    for (JsonNode d : deployments) {
      if (d.path("id").asText().equals(id)) {
        return d;
      }
    }
    return null;
  }

  private JsonNode app(String id) {
    try {
      return marathon.app(id);
    } catch (ApiException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }
}

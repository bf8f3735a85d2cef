package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.CliFailure;
import io.berth.cli.output.ProgressDisplay;
import io.berth.cli.output.WaitLimits;
import io.berth.client.ApiException;
import io.berth.client.MarathonClient;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Waits for a pod's deployment with the same progress bar as apps ({@link DeploymentWait}): STABLE instances against
 * the pod's count, until no deployment affects the pod and it is STABLE (or gone, for a removal). Fails (exit 2) at a
 * container failure not seen before, when the deployment ends short of the target, or at the timeout.
 */
public final class PodWait {
  private final MarathonClient marathon;
  private final ProgressDisplay display;
  private final WaitLimits limits;

  public PodWait(MarathonClient marathon, ProgressDisplay display, WaitLimits limits) {
    this.marathon = marathon;
    this.display = display;
    this.limits = limits;
  }

  public void await(String podId, boolean removal) {
    long start = limits.now();
    Set<String> failuresSeen = null;
    while (true) {
      boolean deploying = false;
      for (JsonNode d : marathon.deployments()) {
        for (JsonNode p : d.path("affectedPods")) {
          deploying |= p.asText().equals(podId);
        }
      }
      JsonNode status = status(podId);
      if (status == null) {
        display.show(List.of(new io.berth.cli.output.ProgressBar.Line(podId, 1, 1, "removed")));
        if (!deploying) {
          if (!removal) {
            throw CliFailure.server("pod " + podId + " was removed while waiting for it");
          }
          display.done("Pod " + podId + " removed.");
          return;
        }
      } else {
        PodProgress p = PodProgress.of(status);
        display.show(List.of(p.line(deploying)));
        List<String> failures = PodProgress.failures(status);
        if (failuresSeen == null) {
          failuresSeen = new HashSet<>(failures);
        } else if (!failuresSeen.containsAll(failures)) {
          throw CliFailure.server("pod " + podId + " failed: " + String.join("; ", failures)
              + " (Marathon keeps trying; see berth marathon pod show " + podId + ")");
        }
        if (!deploying && !removal) {
          if (!p.atTarget()) {
            throw CliFailure.server("the deployment of pod " + podId + " ended before it reached its target");
          }
          display.done("Pod " + podId + " is stable.");
          return;
        }
      }
      if (limits.expired(start)) {
        throw CliFailure.server("pod " + podId + " is not deployed after " + limits.timeout().toSeconds()
            + " s (the deployment goes on: berth marathon deployment list)");
      }
      limits.pause();
    }
  }

  private JsonNode status(String podId) {
    try {
      return marathon.podStatus(podId);
    } catch (ApiException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }
}

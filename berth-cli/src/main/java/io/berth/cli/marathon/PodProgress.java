package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.output.ProgressBar;
import java.util.ArrayList;
import java.util.List;

/** A pod's progress towards its target (pure), from its {@code ::status}: STABLE instances against the count. */
public record PodProgress(String id, int instances, int stable, boolean podStable) {
  public static PodProgress of(JsonNode status) {
    int stable = 0;
    for (JsonNode i : status.path("instances")) {
      stable += i.path("status").asText().equals("STABLE") ? 1 : 0;
    }
    return new PodProgress(status.path("id").asText(), status.path("spec").path("scaling").path("instances").asInt(1),
        stable, status.path("status").asText().equals("STABLE"));
  }

  public boolean atTarget() {
    return podStable && stable == instances;
  }

  public ProgressBar.Line line(boolean deploying) {
    return new ProgressBar.Line(id, stable, instances, stable + "/" + instances + " stable"
        + (deploying ? "" : atTarget() ? ", done" : ""));
  }

  /** The containers of the status' instances that ended badly, as phrases ({@code container web of <instance> TASK_FAILED}). */
  public static List<String> failures(JsonNode status) {
    List<String> out = new ArrayList<>();
    for (JsonNode i : status.path("instances")) {
      for (JsonNode c : i.path("containers")) {
        String state = c.path("status").asText();
        if (state.equals("TASK_FAILED") || state.equals("TASK_ERROR")) {
          out.add("container " + c.path("name").asText() + " of " + i.path("id").asText() + " " + state);
        }
      }
    }
    return out;
  }
}

package io.berth.cli.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.output.ProgressBar;

/** An app's progress towards its target (pure): instances running, and healthy when it has health checks. */
public record AppProgress(String id, int instances, int running, int healthy, boolean checked) {
  public static AppProgress of(JsonNode app) {
    return new AppProgress(app.path("id").asText(), app.path("instances").asInt(), app.path("tasksRunning").asInt(),
        app.path("tasksHealthy").asInt(), !app.path("healthChecks").isEmpty());
  }

  /** Every instance runs (and is healthy), and no more than the target. */
  public boolean atTarget() {
    return running == instances && (!checked || healthy == instances);
  }

  public ProgressBar.Line line(boolean deploying) {
    String status = running + "/" + instances + " running" + (checked ? ", " + healthy + "/" + instances + " healthy" : "")
        + (deploying ? "" : atTarget() ? ", done" : "");
    return new ProgressBar.Line(id, checked ? healthy : running, instances, status);
  }

  /** The app's last task failure as one phrase, or null. */
  public static String failure(JsonNode app) {
    JsonNode f = app.path("lastTaskFailure");
    if (f.isMissingNode() || f.isNull() || f.isEmpty()) {
      return null;
    }
    return "task " + f.path("taskId").asText() + " of " + app.path("id").asText() + " " + f.path("state").asText()
        + (f.path("message").asText("").isEmpty() ? "" : ": " + f.path("message").asText()) + " at " + f.path("timestamp").asText();
  }
}

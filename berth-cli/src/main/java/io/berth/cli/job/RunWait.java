package io.berth.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.CliFailure;
import io.berth.cli.output.ProgressBar;
import io.berth.cli.output.ProgressDisplay;
import io.berth.cli.output.WaitLimits;
import io.berth.client.ApiException;
import io.berth.client.MetronomeClient;
import java.time.Duration;
import java.util.List;

/**
 * Waits for a job run and shows its phase (INITIAL, STARTING, ACTIVE, then SUCCESS or FAILED) and its tasks' states.
 * A finished run leaves the active runs and appears in the job's history: that decides success (exit 0) or failure.
 */
public final class RunWait {
  /** How often the CLI asks while it waits. */
  public static final Duration POLL = Duration.ofMillis(300);
  private static final List<String> PHASES = List.of("INITIAL", "STARTING", "ACTIVE", "SUCCESS");

  private final MetronomeClient metronome;
  private final ProgressDisplay display;
  private final WaitLimits limits;

  public RunWait(MetronomeClient metronome, ProgressDisplay display, WaitLimits limits) {
    this.metronome = metronome;
    this.display = display;
    this.limits = limits;
  }

  /** The progress line of a run in {@code status} (pure). */
  public static ProgressBar.Line line(String jobId, String runId, String status, String tasks) {
    int phase = status.equals("FAILED") ? PHASES.indexOf("ACTIVE") : Math.max(0, PHASES.indexOf(status));
    return new ProgressBar.Line(jobId + " " + runId, phase, PHASES.size() - 1, status + (tasks.isEmpty() ? "" : "  " + tasks));
  }

  public void await(String jobId, String runId) {
    long start = limits.now();
    while (true) {
      JsonNode run = activeRun(jobId, runId);
      if (run == null) {
        String outcome = outcome(metronome.job(jobId).path("history"), runId);
        display.show(List.of(line(jobId, runId, outcome, "")));
        if (outcome.equals("SUCCESS")) {
          display.done("Run " + runId + " of job " + jobId + " succeeded.");
          return;
        }
        throw CliFailure.server("run " + runId + " of job " + jobId + " " + (outcome.equals("FAILED") ? "failed"
            : "ended without a result in the history") + " (berth job history " + jobId + ")");
      }
      StringBuilder tasks = new StringBuilder();
      run.path("tasks").forEach(t -> tasks.append(tasks.isEmpty() ? "" : ", ").append("task ").append(t.path("status").asText()));
      display.show(List.of(line(jobId, runId, run.path("status").asText(), tasks.toString())));
      if (limits.expired(start)) {
        throw CliFailure.server("run " + runId + " of job " + jobId + " has not finished after " + limits.timeout().toSeconds() + " s");
      }
      limits.pause();
    }
  }

  private JsonNode activeRun(String jobId, String runId) {
    try {
      return metronome.run(jobId, runId);
    } catch (ApiException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }

  /** SUCCESS or FAILED from the job's history, or UNKNOWN (pure). */
  public static String outcome(JsonNode history, String runId) {
    for (JsonNode r : history.path("successfulFinishedRuns")) {
      if (r.path("id").asText().equals(runId)) {
        return "SUCCESS";
      }
    }
    for (JsonNode r : history.path("failedFinishedRuns")) {
      if (r.path("id").asText().equals(runId)) {
        return "FAILED";
      }
    }
    return "UNKNOWN";
  }
}

package io.berth.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.output.Table;
import java.util.ArrayList;
import java.util.List;

/** The tables of the job commands, from Metronome's JSON (pure). */
public final class JobTables {
  private JobTables() {}

  /** ID STATUS SCHEDULES LAST RUN, one row per job (with embedded active runs, schedules and history). */
  public static Table jobs(JsonNode jobs) {
    Table table = Table.of("ID", "STATUS", "SCHEDULES", "LAST RUN", "SUCCESSES", "FAILURES");
    for (JsonNode j : jobs) {
      List<String> schedules = new ArrayList<>();
      j.path("schedules").forEach(s -> schedules.add(s.path("cron").asText() + (s.path("enabled").asBoolean(true) ? "" : " (off)")));
      JsonNode h = j.path("history");
      String last = last(h);
      table.row(j.path("id").asText(), j.path("activeRuns").isEmpty() ? "Idle" : "Running",
          schedules.isEmpty() ? "-" : String.join(", ", schedules), last,
          h.path("successCount").asInt(), h.path("failureCount").asInt());
    }
    return table;
  }

  private static String last(JsonNode history) {
    String success = history.path("lastSuccessAt").asText("");
    String failure = history.path("lastFailureAt").asText("");
    if (success.isEmpty() && failure.isEmpty()) {
      return "N/A";
    }
    return success.compareTo(failure) >= 0 ? "Success" : "Failed";
  }

  /** ID STATUS STARTED FINISHED: active runs, then finished ones (failures only when asked). */
  public static Table history(JsonNode job, boolean failuresOnly) {
    Table table = Table.of("ID", "STATUS", "STARTED", "FINISHED");
    for (JsonNode r : job.path("activeRuns")) {
      if (!failuresOnly) {
        table.row(r.path("id").asText(), r.path("status").asText(), r.path("createdAt").asText(), "-");
      }
    }
    JsonNode h = job.path("history");
    if (!failuresOnly) {
      h.path("successfulFinishedRuns").forEach(r -> table.row(r.path("id").asText(), "SUCCESS", r.path("createdAt").asText(),
          r.path("finishedAt").asText()));
    }
    h.path("failedFinishedRuns").forEach(r -> table.row(r.path("id").asText(), "FAILED", r.path("createdAt").asText(),
        r.path("finishedAt").asText()));
    return table;
  }

  /** ID CRON TIMEZONE ENABLED NEXT RUN. */
  public static Table schedules(JsonNode schedules) {
    Table table = Table.of("ID", "CRON", "TIMEZONE", "ENABLED", "NEXT RUN", "CONCURRENCY");
    for (JsonNode s : schedules) {
      table.row(s.path("id").asText(), s.path("cron").asText(), s.path("timezone").asText("UTC"),
          s.path("enabled").asBoolean(true), s.path("nextRunAt").asText("-"), s.path("concurrencyPolicy").asText("ALLOW"));
    }
    return table;
  }
}

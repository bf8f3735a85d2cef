package io.berth.client;

import com.fasterxml.jackson.databind.JsonNode;

/** Metronome's {@code /v1} API through the gateway ({@code /metronome/v1}): jobs, schedules, runs, history. */
public final class MetronomeClient {
  private static final String V1 = "/metronome/v1/jobs";
  private final GatewayHttp http;

  public MetronomeClient(GatewayHttp http) {
    this.http = http;
  }

  private static String jobPath(String id) {
    return V1 + "/" + GatewayHttp.encode(id);
  }

  public JsonNode jobs() {
    return http.get(V1 + "?embed=activeRuns&embed=schedules&embed=history");
  }

  /** One job with its schedules, active runs and history. */
  public JsonNode job(String id) {
    return http.get(jobPath(id) + "?embed=activeRuns&embed=schedules&embed=history");
  }

  public JsonNode createJob(JsonNode spec) {
    return http.send("POST", V1, spec);
  }

  public JsonNode replaceJob(String id, JsonNode spec) {
    return http.send("PUT", jobPath(id), spec);
  }

  public JsonNode removeJob(String id, boolean stopCurrentRuns) {
    return http.send("DELETE", jobPath(id) + "?stopCurrentJobRuns=" + stopCurrentRuns, null);
  }

  /** Starts a run now; the answer is the run ({@code id}, {@code status}). */
  public JsonNode startRun(String id) {
    return http.send("POST", jobPath(id) + "/runs", null);
  }

  /** The job's active runs. */
  public JsonNode runs(String id) {
    return http.get(jobPath(id) + "/runs");
  }

  /** An active run; 404 once it finished (it is then in the job's history). */
  public JsonNode run(String id, String runId) {
    return http.get(jobPath(id) + "/runs/" + GatewayHttp.encode(runId));
  }

  public JsonNode stopRun(String id, String runId) {
    return http.send("POST", jobPath(id) + "/runs/" + GatewayHttp.encode(runId) + "/actions/stop", null);
  }

  public JsonNode schedules(String id) {
    return http.get(jobPath(id) + "/schedules");
  }

  public JsonNode addSchedule(String id, JsonNode schedule) {
    return http.send("POST", jobPath(id) + "/schedules", schedule);
  }

  public JsonNode replaceSchedule(String id, String scheduleId, JsonNode schedule) {
    return http.send("PUT", jobPath(id) + "/schedules/" + GatewayHttp.encode(scheduleId), schedule);
  }

  public JsonNode removeSchedule(String id, String scheduleId) {
    return http.send("DELETE", jobPath(id) + "/schedules/" + GatewayHttp.encode(scheduleId), null);
  }
}

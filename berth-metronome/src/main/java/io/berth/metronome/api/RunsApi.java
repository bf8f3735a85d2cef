package io.berth.metronome.api;

import static io.berth.metronome.api.ApiRequests.jobId;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.metronome.JobService;
import io.berth.metronome.MetronomeError;
import io.berth.metronome.json.JobJson;
import io.berth.state.image.ClusterImage;
import io.berth.state.jobs.Job;
import io.berth.state.jobs.JobRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs of a job ({@code /v1/jobs/{id}/runs}) and the launch queue ({@code /v1/queue}). */
final class RunsApi {
  private final JobService jobs;

  RunsApi(JobService jobs) {
    this.jobs = jobs;
  }

  Response start(Request request) {
    JobRun run = jobs.startRun(jobId(request));
    return Response.json(201, JobJson.run(run, List.of()));
  }

  /** Active runs only; finished runs are in the job's history. */
  Response list(Request request) {
    Job job = jobs.job(jobId(request));
    ClusterImage image = jobs.image();
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    job.activeRuns().values().forEach(r -> array.add(JobJson.run(r, jobs.tasks(image, r))));
    return Response.ok(array);
  }

  Response get(Request request) {
    String jobId = jobId(request);
    String runId = request.pathParam("runId");
    Job job = jobs.job(jobId);
    JobRun run = job.activeRun(runId).orElseThrow(() -> MetronomeError.runNotFound(jobId, runId));
    return Response.ok(JobJson.run(run, jobs.tasks(jobs.image(), run)));
  }

  Response stop(Request request) {
    String jobId = jobId(request);
    JobService.Stopped stopped = jobs.stopRun(jobId, request.pathParam("runId"));
    return Response.ok(JobJson.finishedRun(stopped.run(), JobRun.Status.FAILED, stopped.at(),
        jobs.tasks(jobs.image(), stopped.run())));
  }

  Response queue(Request request) {
    Map<String, ArrayNode> byJob = new LinkedHashMap<>();
    for (JobRun run : jobs.queue()) {
      byJob.computeIfAbsent(run.jobId(), j -> JsonNodeFactory.instance.arrayNode()).addObject().put("runId", run.id());
    }
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    byJob.forEach((jobId, runs) -> {
      ObjectNode o = array.addObject();
      o.put("jobId", jobId);
      o.set("runs", runs);
    });
    return Response.ok(array);
  }
}

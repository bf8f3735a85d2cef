package io.berth.metronome.api;

import static io.berth.metronome.api.ApiRequests.body;
import static io.berth.metronome.api.ApiRequests.jobId;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.metronome.JobService;
import io.berth.metronome.json.JobJson;
import io.berth.metronome.json.JobSpecReader;
import io.berth.metronome.json.ScheduleReader;
import io.berth.state.image.ClusterImage;
import io.berth.state.jobs.Job;
import io.berth.state.jobs.JobRun;
import io.berth.state.jobs.JobSpec;
import io.berth.state.jobs.ScheduleSpec;
import java.util.Set;

/** Jobs and their schedules: {@code /v1/jobs}, {@code /v1/jobs/{id}/schedules}, {@code /v0/scheduled-jobs}. */
final class JobsApi {
  private final JobService jobs;

  JobsApi(JobService jobs) {
    this.jobs = jobs;
  }

  Response list(Request request) {
    Set<String> embeds = ApiRequests.embeds(request);
    ClusterImage image = jobs.image();
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    image.jobs().jobs().values().forEach(j -> array.add(info(image, j, embeds)));
    return Response.ok(array);
  }

  Response get(Request request) {
    Set<String> embeds = ApiRequests.embeds(request);
    String id = jobId(request);
    ClusterImage image = jobs.image();
    return Response.ok(info(image, jobs.job(id), embeds));
  }

  Response create(Request request) {
    JobSpec spec = JobSpecReader.read(body(request), null, false);
    return Response.json(201, spec(jobs.create(spec)));
  }

  /** v1: the stored schedules stay, the body's are ignored; the path's id wins. */
  Response replace(Request request) {
    String id = jobId(request);
    JobSpec spec = JobSpecReader.read(body(request), id, false);
    return Response.ok(spec(jobs.replace(spec, true)));
  }

  Response delete(Request request) {
    String id = jobId(request);
    boolean stop = ApiRequests.flag(request, "stopCurrentJobRuns");
    return Response.ok(spec(jobs.delete(id, stop)));
  }

  Response createScheduled(Request request) {
    JobSpec spec = JobSpecReader.read(body(request), null, true);
    return Response.json(201, spec(jobs.create(spec)));
  }

  /** v0: replaces the job including its schedules. */
  Response replaceScheduled(Request request) {
    String id = jobId(request);
    JobSpec spec = JobSpecReader.read(body(request), id, true);
    return Response.ok(spec(jobs.replace(spec, false)));
  }

  Response schedules(Request request) {
    Job job = jobs.job(jobId(request));
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    job.spec().schedules().forEach(s -> array.add(JobJson.schedule(s, jobs.nextRunAt(job, s))));
    return Response.ok(array);
  }

  Response schedule(Request request) {
    Job job = jobs.job(jobId(request));
    String scheduleId = request.pathParam("scheduleId");
    ScheduleSpec s = job.spec().schedules().stream().filter(x -> x.id().equals(scheduleId)).findFirst()
        .orElseThrow(() -> io.berth.metronome.MetronomeError.scheduleNotFound(scheduleId));
    return Response.ok(JobJson.schedule(s, jobs.nextRunAt(job, s)));
  }

  Response addSchedule(Request request) {
    String id = jobId(request);
    ScheduleSpec schedule = ScheduleReader.read(body(request), null);
    jobs.addSchedule(id, schedule);
    return Response.json(201, scheduleAfterWrite(id, schedule));
  }

  Response replaceSchedule(Request request) {
    String id = jobId(request);
    ScheduleSpec schedule = ScheduleReader.read(body(request), request.pathParam("scheduleId"));
    jobs.replaceSchedule(id, schedule);
    return Response.ok(scheduleAfterWrite(id, schedule));
  }

  Response deleteSchedule(Request request) {
    jobs.deleteSchedule(jobId(request), request.pathParam("scheduleId"));
    return Response.empty(200);
  }

  private ObjectNode scheduleAfterWrite(String jobId, ScheduleSpec schedule) {
    Job job = jobs.image().jobs().job(jobId).orElse(null);
    return JobJson.schedule(schedule, job == null ? java.util.Optional.empty() : jobs.nextRunAt(job, schedule));
  }

  private ObjectNode spec(Job job) {
    return JobJson.spec(job.spec(), s -> jobs.nextRunAt(job, s));
  }

  private ObjectNode info(ClusterImage image, Job job, Set<String> embeds) {
    ObjectNode node = spec(job);
    if (embeds.contains("activeRuns")) {
      ArrayNode runs = node.putArray("activeRuns");
      for (JobRun run : job.activeRuns().values()) {
        runs.add(JobJson.run(run, jobs.tasks(image, run)));
      }
    }
    if (embeds.contains("history")) {
      node.set("history", JobJson.history(job.history(), true));
    }
    if (embeds.contains("historySummary")) {
      node.set("historySummary", JobJson.history(job.history(), false));
    }
    return node;
  }
}

package io.berth.metronome;

import io.berth.common.error.BerthException;
import io.berth.metronome.schedule.DependencyPlanner;
import io.berth.metronome.schedule.SchedulePlanner;
import io.berth.state.StateWriter.Write;
import io.berth.state.image.ClusterImage;
import io.berth.state.jobs.Job;
import io.berth.state.jobs.JobRecord;
import io.berth.state.jobs.JobRun;
import io.berth.state.jobs.JobSpec;
import io.berth.state.jobs.JobsImage;
import io.berth.state.jobs.ScheduleSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Metronome's writes as commands on the cluster image: each checks the request against the latest image and either
 * throws (nothing is recorded) or returns the records and the answer. Pure apart from the run ids it draws.
 */
final class JobCommands {
  private final RunIds runIds;
  private final int historyLimit;

  JobCommands(RunIds runIds, int historyLimit) {
    this.runIds = runIds;
    this.historyLimit = historyLimit;
  }

  int historyLimit() {
    return historyLimit;
  }

  Function<ClusterImage, Write<Job>> create(JobSpec spec, Instant now) {
    return image -> {
      if (image.jobs().job(spec.id()).isPresent()) {
        throw BerthException.conflict("Job with this id already exists");
      }
      checkDependencies(image.jobs(), spec);
      JobRecord.JobCreated created = new JobRecord.JobCreated(spec, now);
      return Write.of(image.jobs().apply(created).job(spec.id()).orElseThrow(), created);
    };
  }

  /** Replaces a job's definition; with {@code keepSchedules} (v1) the stored schedules stay and the body's are ignored. */
  Function<ClusterImage, Write<Job>> replace(JobSpec body, boolean keepSchedules, Instant now) {
    return image -> {
      Job job = require(image, body.id());
      JobSpec spec = keepSchedules ? body.withSchedules(job.spec().schedules()) : body;
      if (!spec.schedules().isEmpty() && !spec.dependencies().isEmpty()) {
        throw BerthException.invalid("Jobs may not have both dependencies and schedules specified");
      }
      checkDependencies(image.jobs(), spec);
      JobRecord.JobUpdated updated = new JobRecord.JobUpdated(spec, now);
      return Write.of(image.jobs().apply(updated).job(spec.id()).orElseThrow(), updated);
    };
  }

  Function<ClusterImage, Write<Job>> delete(String jobId, boolean stopCurrentJobRuns, Instant now) {
    return image -> {
      Job job = require(image, jobId);
      List<String> children = image.jobs().jobs().values().stream()
          .filter(j -> j.spec().dependencies().stream().anyMatch(d -> d.id().equals(jobId))).map(Job::id).toList();
      if (!children.isEmpty()) {
        throw BerthException.conflict("There are jobs with a dependency on " + jobId + ". children=[" + String.join(", ", children) + "]");
      }
      if (!job.activeRuns().isEmpty() && !stopCurrentJobRuns) {
        throw BerthException.conflict("There are active job runs. Override with stopCurrentJobRuns=true");
      }
      List<JobRecord> records = new ArrayList<>();
      job.activeRuns().values().forEach(r -> records.add(new JobRecord.RunFinished(jobId, r.id(), JobRun.Status.FAILED, now,
          List.of(), historyLimit)));
      records.add(new JobRecord.JobDeleted(jobId, now));
      return Write.of(job, records);
    };
  }

  Function<ClusterImage, Write<ScheduleSpec>> addSchedule(String jobId, ScheduleSpec schedule, Instant now) {
    return image -> {
      Job job = require(image, jobId);
      if (job.spec().schedules().stream().anyMatch(s -> s.id().equals(schedule.id()))) {
        throw BerthException.conflict("A schedule with id " + schedule.id() + " already exists");
      }
      if (!job.spec().schedules().isEmpty()) {
        throw BerthException.conflict("Only one schedule supported at the moment");
      }
      if (!job.spec().dependencies().isEmpty()) {
        throw BerthException.invalid("Jobs may not have both dependencies and schedules specified");
      }
      return Write.of(schedule, new JobRecord.JobUpdated(job.spec().withSchedules(List.of(schedule)), now));
    };
  }

  Function<ClusterImage, Write<ScheduleSpec>> replaceSchedule(String jobId, ScheduleSpec schedule, Instant now) {
    return image -> {
      Job job = require(image, jobId);
      requireSchedule(job, schedule.id());
      List<ScheduleSpec> next = job.spec().schedules().stream().map(s -> s.id().equals(schedule.id()) ? schedule : s).toList();
      return Write.of(schedule, new JobRecord.JobUpdated(job.spec().withSchedules(next), now));
    };
  }

  Function<ClusterImage, Write<ScheduleSpec>> deleteSchedule(String jobId, String scheduleId, Instant now) {
    return image -> {
      Job job = require(image, jobId);
      ScheduleSpec gone = requireSchedule(job, scheduleId);
      List<ScheduleSpec> next = job.spec().schedules().stream().filter(s -> !s.id().equals(scheduleId)).toList();
      return Write.of(gone, new JobRecord.JobUpdated(job.spec().withSchedules(next), now));
    };
  }

  /** A run on demand: ignores the schedule's concurrency policy, has no starting deadline. */
  Function<ClusterImage, Write<JobRun>> startRun(String jobId, Instant now) {
    return image -> {
      Job job = require(image, jobId);
      JobRun run = new JobRun(runIds.forJob(job, now).get(), jobId, job.spec().run(), JobRun.Trigger.MANUAL, null, null, null,
          JobRun.Status.STARTING, now, null);
      return Write.of(run, new JobRecord.RunCreated(run));
    };
  }

  Function<ClusterImage, Write<JobRun>> stopRun(String jobId, String runId, Instant now, List<String> taskIds) {
    return image -> {
      Job job = require(image, jobId);
      JobRun run = job.activeRun(runId).orElseThrow(() -> MetronomeError.runNotFound(jobId, runId));
      return Write.of(run, new JobRecord.RunFinished(jobId, runId, JobRun.Status.FAILED, now, taskIds, historyLimit));
    };
  }

  /** A run's task was seen staging, starting or running. No-op unless the run is still STARTING. */
  Function<ClusterImage, Write<Void>> markActive(String jobId, String runId, Instant now) {
    return image -> {
      boolean starting = image.jobs().job(jobId).flatMap(j -> j.activeRun(runId))
          .filter(r -> r.status() == JobRun.Status.STARTING).isPresent();
      return starting ? Write.of(null, new JobRecord.RunActive(jobId, runId, now)) : Write.of(null);
    };
  }

  /** A run ended. No-op when it is no longer active (stopped, or the job deleted meanwhile). */
  Function<ClusterImage, Write<Void>> finish(String jobId, String runId, JobRun.Status status, Instant now, List<String> taskIds) {
    return image -> image.jobs().job(jobId).flatMap(j -> j.activeRun(runId)).isPresent()
        ? Write.of(null, new JobRecord.RunFinished(jobId, runId, status, now, taskIds, historyLimit))
        : Write.of(null);
  }

  /** Handles the due occurrences of a schedule; re-checked here, so an occurrence is never handled twice. */
  Function<ClusterImage, Write<List<JobRecord>>> fire(String jobId, String scheduleId, Instant now) {
    return image -> {
      Job job = image.jobs().job(jobId).orElse(null);
      ScheduleSpec spec = job == null ? null
          : job.spec().schedules().stream().filter(s -> s.id().equals(scheduleId)).findFirst().orElse(null);
      if (spec == null) {
        return Write.of(List.of());
      }
      List<JobRecord> records = SchedulePlanner.due(job, spec, now, runIds.forJob(job, now), historyLimit);
      return Write.of(records, records);
    };
  }

  /** Starts a run of a job whose parents have all succeeded; re-checked here, so it starts once. */
  Function<ClusterImage, Write<Void>> runForDependencies(String jobId, Instant now) {
    return image -> image.jobs().job(jobId)
        .flatMap(job -> DependencyPlanner.run(job, image.jobs(), now, runIds.forJob(job, now)))
        .map(created -> Write.<Void>of(null, created))
        .orElse(Write.of(null));
  }

  static Job require(ClusterImage image, String jobId) {
    return image.jobs().job(jobId).orElseThrow(() -> MetronomeError.jobNotFound(jobId));
  }

  private static ScheduleSpec requireSchedule(Job job, String scheduleId) {
    return job.spec().schedules().stream().filter(s -> s.id().equals(scheduleId)).findFirst()
        .orElseThrow(() -> MetronomeError.scheduleNotFound(scheduleId));
  }

  /** Dependencies must name existing jobs and must not make a cycle. */
  private static void checkDependencies(JobsImage jobs, JobSpec spec) {
    Set<String> unknown = new TreeSet<>();
    spec.dependencies().forEach(d -> {
      if (jobs.job(d.id()).isEmpty() && !d.id().equals(spec.id())) {
        unknown.add(d.id());
      }
    });
    if (!unknown.isEmpty()) {
      throw BerthException.invalid("Dependencies contain unknown jobs. unknown=[" + String.join(", ", unknown) + "]");
    }
    Set<String> seen = new HashSet<>();
    List<String> todo = new ArrayList<>(spec.dependencies().stream().map(JobSpec.Dependency::id).toList());
    while (!todo.isEmpty()) {
      String id = todo.removeLast();
      if (id.equals(spec.id())) {
        throw BerthException.invalid("Dependencies have a cycle.");
      }
      if (seen.add(id)) {
        jobs.job(id).ifPresent(j -> j.spec().dependencies().forEach(d -> todo.add(d.id())));
      }
    }
  }
}

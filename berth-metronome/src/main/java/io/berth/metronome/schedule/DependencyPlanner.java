package io.berth.metronome.schedule;

import io.berth.state.jobs.Job;
import io.berth.state.jobs.JobRecord;
import io.berth.state.jobs.JobRun;
import io.berth.state.jobs.JobSpec;
import io.berth.state.jobs.JobsImage;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * When a job's dependencies start it (pure): every parent has succeeded since the job was created and since the
 * last run its dependencies started, and no run of the job is active. A failed run of the job is therefore not
 * retried until its parents succeed again.
 */
public final class DependencyPlanner {
  private DependencyPlanner() {}

  public static boolean due(Job job, JobsImage jobs) {
    if (job.spec().dependencies().isEmpty() || !job.activeRuns().isEmpty()) {
      return false;
    }
    Instant handled = job.dependencyRunAt() != null && job.dependencyRunAt().isAfter(job.createdAt())
        ? job.dependencyRunAt() : job.createdAt();
    for (JobSpec.Dependency d : job.spec().dependencies()) {
      Instant success = jobs.job(d.id()).map(p -> p.history().lastSuccessAt()).orElse(null);
      if (success == null || !success.isAfter(handled)) {
        return false;
      }
    }
    return true;
  }

  /** The run the dependencies start now, if they are due. */
  public static Optional<JobRecord.RunCreated> run(Job job, JobsImage jobs, Instant now, Supplier<String> runIds) {
    if (!due(job, jobs)) {
      return Optional.empty();
    }
    return Optional.of(new JobRecord.RunCreated(new JobRun(runIds.get(), job.id(), job.spec().run(), JobRun.Trigger.DEPENDENCY,
        null, null, null, JobRun.Status.STARTING, now, null)));
  }
}

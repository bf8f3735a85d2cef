package io.berth.metronome;

import io.berth.master.api.AwaitResult;
import io.berth.metronome.run.RunTasks;
import io.berth.metronome.schedule.SchedulePlanner;
import io.berth.state.image.ClusterImage;
import io.berth.state.image.Task;
import io.berth.state.jobs.Job;
import io.berth.state.jobs.JobRun;
import io.berth.state.jobs.JobSpec;
import io.berth.state.jobs.ScheduleSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What Metronome's API does, on top of the {@link JobScheduler}: reads from the published cluster image, writes as
 * commands committed through the leader's loop (each call returns once its records are durable).
 */
public final class JobService {
  private final JobScheduler scheduler;

  public JobService(JobScheduler scheduler) {
    this.scheduler = scheduler;
  }

  public ClusterImage image() {
    return scheduler.publisher().current();
  }

  public Job job(String jobId) {
    return JobCommands.require(image(), jobId);
  }

  /** When a schedule runs next (also for disabled schedules, as Metronome reports it). */
  public Optional<Instant> nextRunAt(Job job, ScheduleSpec schedule) {
    return SchedulePlanner.nextOccurrence(schedule, job.scheduleState(schedule.id()));
  }

  public List<Task> tasks(ClusterImage image, JobRun run) {
    return RunTasks.of(image, JobScheduler.FRAMEWORK_ID, run);
  }

  /** Runs that wait for an offer. */
  public List<JobRun> queue() {
    return scheduler.queue();
  }

  public Job create(JobSpec spec) {
    return AwaitResult.of(scheduler.write(scheduler.commands().create(spec, now())));
  }

  public Job replace(JobSpec spec, boolean keepSchedules) {
    return AwaitResult.of(scheduler.write(scheduler.commands().replace(spec, keepSchedules, now())));
  }

  public Job delete(String jobId, boolean stopCurrentJobRuns) {
    return AwaitResult.of(scheduler.write(scheduler.commands().delete(jobId, stopCurrentJobRuns, now())));
  }

  public ScheduleSpec addSchedule(String jobId, ScheduleSpec schedule) {
    return AwaitResult.of(scheduler.write(scheduler.commands().addSchedule(jobId, schedule, now())));
  }

  public ScheduleSpec replaceSchedule(String jobId, ScheduleSpec schedule) {
    return AwaitResult.of(scheduler.write(scheduler.commands().replaceSchedule(jobId, schedule, now())));
  }

  public ScheduleSpec deleteSchedule(String jobId, String scheduleId) {
    return AwaitResult.of(scheduler.write(scheduler.commands().deleteSchedule(jobId, scheduleId, now())));
  }

  public JobRun startRun(String jobId) {
    return AwaitResult.of(scheduler.write(scheduler.commands().startRun(jobId, now())));
  }

  /** Stops a run: it ends FAILED now and its tasks are killed. Returns the run as it was, and the stop time. */
  public Stopped stopRun(String jobId, String runId) {
    Instant now = now();
    ClusterImage image = image();
    List<String> taskIds = image.jobs().job(jobId).flatMap(j -> j.activeRun(runId))
        .map(r -> tasks(image, r).stream().map(Task::id).toList()).orElse(List.of());
    JobRun run = AwaitResult.of(scheduler.write(scheduler.commands().stopRun(jobId, runId, now, taskIds)));
    return new Stopped(run, now);
  }

  /** A run that was stopped, and when. */
  public record Stopped(JobRun run, Instant at) {}

  private Instant now() {
    return scheduler.clock().instant();
  }
}

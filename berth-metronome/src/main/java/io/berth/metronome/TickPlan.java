package io.berth.metronome;

import io.berth.metronome.run.RunPlanner;
import io.berth.metronome.run.RunStep;
import io.berth.metronome.run.RunTasks;
import io.berth.metronome.schedule.DependencyPlanner;
import io.berth.metronome.schedule.NextOccurrences;
import io.berth.state.image.ClusterImage;
import io.berth.state.image.Task;
import io.berth.state.jobs.Job;
import io.berth.state.jobs.JobRun;
import io.berth.state.jobs.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one look at the image decides (pure): schedules that are due, jobs whose parents all succeeded, runs to mark
 * ACTIVE or to finish, runs that wait for an offer, tasks to kill, and launches in flight that the image now shows.
 *
 * @param inFlight run key to the id of the task launched for it that the image did not show yet
 */
record TickPlan(
    List<ScheduleRef> dueSchedules,
    List<String> dependenciesMet,
    List<RunRef> active,
    List<Finish> finished,
    List<JobRun> waiting,
    List<Task> strays,
    Set<String> settled) {

  record ScheduleRef(String jobId, String scheduleId) {
    @Override
    public String toString() {
      return jobId + "/" + scheduleId;
    }
  }

  record RunRef(String jobId, String runId) {
    String key() {
      return RunTasks.key(jobId, runId);
    }
  }

  record Finish(String jobId, String runId, JobRun.Status status, String why, List<String> taskIds) {}

  static TickPlan of(ClusterImage image, String frameworkId, Instant now, Duration retryDelay, Map<String, String> inFlight,
      NextOccurrences nextOccurrences) {
    Map<String, List<Task>> byRun = RunTasks.byRun(image, frameworkId);
    List<ScheduleRef> due = new ArrayList<>();
    List<String> dependenciesMet = new ArrayList<>();
    List<RunRef> active = new ArrayList<>();
    List<Finish> finished = new ArrayList<>();
    List<JobRun> waiting = new ArrayList<>();
    Set<String> activeKeys = new HashSet<>();
    Set<String> settled = new HashSet<>();
    for (Job job : image.jobs().jobs().values()) {
      if (DependencyPlanner.due(job, image.jobs())) {
        dependenciesMet.add(job.id());
      }
      for (ScheduleSpec s : job.spec().schedules()) {
        if (s.enabled()) {
          Optional<Instant> next = nextOccurrences.of(job.id(), s, job.scheduleState(s.id()));
          if (next.isPresent() && !next.get().isAfter(now)) {
            due.add(new ScheduleRef(job.id(), s.id()));
          }
        }
      }
      for (JobRun run : job.activeRuns().values()) {
        String key = RunTasks.key(run.jobId(), run.id());
        activeKeys.add(key);
        List<Task> tasks = byRun.getOrDefault(key, List.of());
        String launched = inFlight.get(key);
        if (launched != null) {
          if (tasks.stream().noneMatch(t -> t.id().equals(launched))) {
            continue;
          }
          settled.add(key);
        }
        RunStep step = RunPlanner.next(run, tasks, now, retryDelay);
        List<String> taskIds = tasks.stream().map(Task::id).toList();
        switch (step) {
          case RunStep.Wait w -> { }
          case RunStep.MarkActive m -> active.add(new RunRef(run.jobId(), run.id()));
          case RunStep.Finish f -> finished.add(new Finish(run.jobId(), run.id(), f.status(), f.why(), taskIds));
          case RunStep.Launch l -> {
            String unsupported = RunTasks.unsupported(run.spec());
            if (unsupported != null) {
              finished.add(new Finish(run.jobId(), run.id(), JobRun.Status.FAILED, unsupported, taskIds));
            } else {
              waiting.add(run);
            }
          }
        }
      }
    }
    return new TickPlan(due, dependenciesMet, active, finished, waiting, RunPlanner.strays(byRun, activeKeys), settled);
  }
}

package io.berth.metronome.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.api.cluster.TaskState;
import io.berth.common.json.Json;
import io.berth.state.image.Task;
import io.berth.state.jobs.JobHistory;
import io.berth.state.jobs.JobRun;
import io.berth.state.jobs.JobSpec;
import io.berth.state.jobs.ScheduleSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders jobs, schedules, runs and history as Metronome does: timestamps as {@code 2016-07-15T13:02:59.735+0000}
 * (UTC), explicit nulls where Metronome writes them ({@code completedAt}, {@code lastSuccessAt}), every default of
 * a job spelled out.
 */
public final class JobJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
      .withZone(ZoneOffset.UTC);

  private JobJson() {}

  public static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  /** A job definition with {@code nextRunAt} on its schedules. */
  public static ObjectNode spec(JobSpec spec, Function<ScheduleSpec, Optional<Instant>> nextRunAt) {
    ObjectNode node = Json.mapper().valueToTree(spec);
    ArrayNode schedules = node.putArray("schedules");
    spec.schedules().forEach(s -> schedules.add(schedule(s, nextRunAt.apply(s))));
    // Metronome writes schedules after the run; keep its order: id, description, labels, run, ... schedules last.
    node.set("run", node.remove("run"));
    node.set("schedules", node.remove("schedules"));
    return node;
  }

  public static ObjectNode schedule(ScheduleSpec s, Optional<Instant> nextRunAt) {
    ObjectNode node = Json.mapper().valueToTree(s);
    nextRunAt.ifPresent(at -> node.put("nextRunAt", timestamp(at)));
    return node;
  }

  /** A run with its tasks (oldest first). */
  public static ObjectNode run(JobRun run, List<Task> tasks) {
    ObjectNode node = NODES.objectNode();
    node.put("id", run.id());
    node.put("jobId", run.jobId());
    node.put("status", run.status().name());
    node.put("createdAt", timestamp(run.createdAt()));
    node.putNull("completedAt");
    ArrayNode array = node.putArray("tasks");
    tasks.forEach(t -> array.add(task(t)));
    return node;
  }

  /** A run that just ended, as {@code POST .../actions/stop} answers. */
  public static ObjectNode finishedRun(JobRun run, JobRun.Status status, Instant completedAt, List<Task> tasks) {
    ObjectNode node = run(run, tasks);
    node.put("status", status.name());
    node.put("completedAt", timestamp(completedAt));
    return node;
  }

  private static ObjectNode task(Task task) {
    ObjectNode node = NODES.objectNode();
    node.put("id", task.id());
    node.put("startedAt", timestamp(task.statuses().getFirst().timestamp()));
    if (task.terminal() && task.latest().timestamp() != null) {
      node.put("completedAt", timestamp(task.latest().timestamp()));
    } else {
      node.putNull("completedAt");
    }
    node.put("status", taskStatus(task.state()));
    return node;
  }

  /** Metronome's view of a Mesos task state: killing is still running, the odd endings are failures. */
  static String taskStatus(TaskState state) {
    return switch (state) {
      case TASK_STAGING, TASK_STARTING, TASK_RUNNING, TASK_FINISHED, TASK_FAILED, TASK_KILLED -> state.name();
      case TASK_KILLING -> TaskState.TASK_RUNNING.name();
      case TASK_ERROR, TASK_LOST, TASK_DROPPED, TASK_UNREACHABLE, TASK_GONE, TASK_GONE_BY_OPERATOR, TASK_UNKNOWN ->
          TaskState.TASK_FAILED.name();
    };
  }

  /** {@code embed=history} ({@code full}) or {@code embed=historySummary}. */
  public static ObjectNode history(JobHistory h, boolean full) {
    ObjectNode node = NODES.objectNode();
    node.put("successCount", h.successCount());
    node.put("failureCount", h.failureCount());
    putTime(node, "lastSuccessAt", h.lastSuccessAt());
    putTime(node, "lastFailureAt", h.lastFailureAt());
    if (full) {
      node.set("successfulFinishedRuns", finished(h.successfulFinishedRuns()));
      node.set("failedFinishedRuns", finished(h.failedFinishedRuns()));
      ArrayNode skipped = node.putArray("skippedOccurrences");
      for (JobHistory.SkippedOccurrence s : h.skippedOccurrences()) {
        ObjectNode o = skipped.addObject();
        o.put("scheduleId", s.scheduleId());
        o.put("scheduledAt", timestamp(s.scheduledAt()));
        o.put("reason", s.reason().name());
        o.put("count", s.count());
      }
    }
    return node;
  }

  private static ArrayNode finished(List<JobHistory.FinishedRun> runs) {
    ArrayNode array = NODES.arrayNode();
    for (JobHistory.FinishedRun r : runs) {
      ObjectNode o = array.addObject();
      o.put("id", r.id());
      o.put("createdAt", timestamp(r.createdAt()));
      o.put("finishedAt", timestamp(r.finishedAt()));
      ArrayNode tasks = o.putArray("tasks");
      r.tasks().forEach(tasks::add);
    }
    return array;
  }

  private static void putTime(ObjectNode node, String field, Instant at) {
    if (at == null) {
      node.putNull(field);
    } else {
      node.put(field, timestamp(at));
    }
  }
}

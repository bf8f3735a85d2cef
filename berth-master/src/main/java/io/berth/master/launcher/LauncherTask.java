package io.berth.master.launcher;

import io.berth.api.cluster.TaskStatus;
import io.berth.state.image.Agent;
import io.berth.state.image.Task;
import java.util.List;

/** A launched task as {@code GET /berth/v1/tasks/{id}} shows it. */
public record LauncherTask(
    String id,
    String state,
    String agentId,
    String host,
    List<Long> ports,
    String cmd,
    double cpus,
    double mem,
    List<Status> statuses) {

  public record Status(String state, String timestamp, String reason, String message, Integer exitCode) {}

  static LauncherTask of(Task task, Agent agent) {
    List<Status> statuses = task.statuses().stream()
        .map(s -> new Status(s.state().name(), s.timestamp() == null ? null : s.timestamp().toString(),
            s.reason() == null ? null : s.reason().name(), s.message(), s.exitCode()))
        .toList();
    TaskStatus latest = task.latest();
    return new LauncherTask(task.id(), latest.state().name(), task.info().agentId(), agent == null ? null : agent.info().ip(),
        task.info().resources().ports().lowest((int) task.info().resources().ports().size()), task.info().command().value(),
        task.info().resources().cpus(), task.info().resources().mem(), statuses);
  }
}

package io.berth.marathon.scheduler;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.api.cluster.HealthCheckInfo;
import io.berth.api.cluster.TaskStatus;
import io.berth.marathon.events.Timestamps;
import io.berth.marathon.model.AppSpec;
import io.berth.state.image.Task;
import java.util.List;
import java.util.Locale;

/**
 * Marathon's Mesos-level health checks ({@code MESOS_HTTP}, {@code MESOS_HTTPS}, {@code MESOS_TCP}, {@code COMMAND}):
 * turned into the task's agent-side {@link HealthCheckInfo}, and the agent's verdict into {@code healthCheckResults}.
 */
final class AgentHealth {
  private AgentHealth() {}

  /** The agent-side check of an app (the first Mesos-level one), with its port resolved to a host port. */
  static HealthCheckInfo of(AppSpec app, List<Long> ports) {
    for (AppSpec.HealthCheckSpec h : app.healthChecks()) {
      if (!HealthMonitor.onAgent(h)) {
        continue;
      }
      HealthCheckInfo.Type type = switch (h.protocol().toUpperCase(Locale.ROOT)) {
        case "MESOS_HTTPS" -> HealthCheckInfo.Type.HTTPS;
        case "MESOS_TCP" -> HealthCheckInfo.Type.TCP;
        case "COMMAND" -> HealthCheckInfo.Type.COMMAND;
        default -> HealthCheckInfo.Type.HTTP;
      };
      Integer port = h.port();
      if (port == null && type != HealthCheckInfo.Type.COMMAND) {
        int index = h.portIndex() == null ? 0 : h.portIndex();
        port = index < ports.size() ? ports.get(index).intValue() : null;
      }
      return new HealthCheckInfo(type, null, port, h.path(), h.command(), h.definition().path("delaySeconds").asDouble(15),
          h.intervalSeconds(), h.timeoutSeconds(), h.gracePeriodSeconds(), h.maxConsecutiveFailures());
    }
    return null;
  }

  /**
   * A {@code healthCheckResults} entry from the agent's last health report: of the task, or of any task of a pod
   * instance's group (the container with the check need not be the task that stands for the instance).
   */
  static ObjectNode result(Instance i, boolean healthy) {
    TaskStatus last = null;
    for (Task t : i.pod() ? i.members() : List.of(i.task())) {
      for (TaskStatus s : t.statuses()) {
        if (s.healthy() != null && (last == null || !s.timestamp().isBefore(last.timestamp()))) {
          last = s;
        }
      }
    }
    String at = last == null ? null : Timestamps.format(last.timestamp());
    String cause = healthy || last == null ? null : last.message();
    return JsonNodeFactory.instance.objectNode().put("alive", healthy).put("consecutiveFailures", healthy ? 0 : 1)
        .put("firstSuccess", healthy ? at : null).put("lastSuccess", healthy ? at : null)
        .put("lastFailure", healthy ? null : at).put("lastFailureCause", cause)
        .put("instanceId", TaskFactory.instanceId(i.id())).put("taskId", i.id());
  }
}

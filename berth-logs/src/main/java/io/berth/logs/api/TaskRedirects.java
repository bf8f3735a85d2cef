package io.berth.logs.api;

import io.berth.api.cluster.TaskStatus;
import io.berth.common.error.BerthException;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.http.Routes;
import io.berth.state.image.ClusterImage;
import io.berth.state.image.Task;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The master's task routes ("discovery", spec §1.1): {@code /v2/task/<id>[/file/<file>]}, {@code /browse},
 * {@code /download}, {@code /file/<file>/download} look the task up in the cluster image (running tasks first, then
 * completed ones) and answer 303 to the route of its agent that reads the sandbox:
 * {@code /system/v1/agent/<agent>/logs/v2/task/frameworks/<fw>/executors/<ex>/runs/<container>[/tasks/<task>]/<file>},
 * with the query string kept. A plain task's executor id is its own id; a task-group task names its group's
 * executor and its own directory under {@code tasks/}.
 */
final class TaskRedirects {
  private final Supplier<ClusterImage> image;

  TaskRedirects(Supplier<ClusterImage> image) {
    this.image = image;
  }

  void register(Routes.Builder routes) {
    String base = LogsApi.PREFIX + "/v2/task/{task}";
    routes.get(base, r -> redirect(r, "/stdout"));
    routes.get(base + "/file/{file}", r -> redirect(r, "/" + enc(r.pathParam("file"))));
    routes.get(base + "/file/{file}/download", r -> redirect(r, "/" + enc(r.pathParam("file")) + "/download"));
    routes.get(base + "/download", r -> redirect(r, "/stdout/download"));
    routes.get(base + "/browse", r -> redirect(r, "/files/browse"));
  }

  private Response redirect(Request request, String rest) {
    String id = request.pathParam("task");
    ClusterImage current = image.get();
    Task task = current.tasks().values().stream().filter(t -> t.id().equals(id) && !t.terminal()).findFirst()
        .or(() -> current.task(id))
        .orElseThrow(() -> BerthException.notFound("Task '" + id + "' not found (neither running nor completed)"));
    String container = containerId(task);
    if (container == null || task.info().agentId() == null) {
      throw BerthException.notFound("Task '" + id + "' has no container yet (state " + task.state() + ")");
    }
    boolean grouped = task.info().group() != null;
    String executor = grouped ? task.info().group().executorId() : id;
    String location = "/system/v1/agent/" + enc(task.info().agentId()) + "/logs/v2/task/frameworks/"
        + enc(task.info().frameworkId()) + "/executors/" + enc(executor) + "/runs/" + enc(container)
        + (grouped ? "/tasks/" + enc(id) : "") + rest + query(request.query());
    return Response.redirect(303, location);
  }

  private static String containerId(Task task) {
    List<TaskStatus> statuses = task.statuses();
    for (int i = statuses.size() - 1; i >= 0; i--) {
      if (statuses.get(i).containerId() != null) {
        return statuses.get(i).containerId();
      }
    }
    return null;
  }

  private static String query(Map<String, List<String>> query) {
    if (query.isEmpty()) {
      return "";
    }
    return "?" + query.entrySet().stream()
        .flatMap(e -> (e.getValue().isEmpty() ? List.of("") : e.getValue()).stream()
            .map(v -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)))
        .collect(Collectors.joining("&"));
  }

  static String enc(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}

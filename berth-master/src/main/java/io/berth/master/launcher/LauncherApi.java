package io.berth.master.launcher;

import io.berth.common.error.BerthException;
import io.berth.http.ErrorRenderer;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.http.Routes;
import io.berth.master.Leadership;
import io.berth.master.api.AwaitResult;
import io.berth.state.StatePublisher;
import io.berth.state.image.ClusterImage;
import io.berth.state.image.Task;
import java.util.List;

/**
 * {@code /berth/v1/tasks}: run a single task with one request ({@code POST}), look at it ({@code GET}), kill it
 * ({@code DELETE}). Errors in Berth's JSON shape.
 */
public final class LauncherApi {
  private final TaskLauncher launcher;
  private final StatePublisher publisher;
  private final Leadership leadership;

  public LauncherApi(TaskLauncher launcher, StatePublisher publisher, Leadership leadership) {
    this.launcher = launcher;
    this.publisher = publisher;
    this.leadership = leadership;
  }

  public Routes routes() {
    return Routes.builder(ErrorRenderer.json())
        .post("/berth/v1/tasks", this::launch)
        .get("/berth/v1/tasks", this::list)
        .get("/berth/v1/tasks/{id}", r -> Response.ok(view(find(r.pathParam("id")))))
        .delete("/berth/v1/tasks/{id}", this::kill)
        .build();
  }

  private Response launch(Request request) {
    leadership.requireTerm();
    String id = AwaitResult.of(launcher.launch(request.json(LaunchRequest.class)));
    return Response.json(201, view(find(id)));
  }

  private Response list(Request request) {
    ClusterImage image = publisher.current();
    List<LauncherTask> tasks = image.tasksOfFramework(TaskLauncher.FRAMEWORK_ID).stream()
        .map(t -> LauncherTask.of(t, image.agents().get(t.info().agentId())))
        .toList();
    return Response.ok(java.util.Map.of("tasks", tasks));
  }

  private Response kill(Request request) {
    leadership.requireTerm();
    Task task = find(request.pathParam("id"));
    if (task.terminal()) {
      throw BerthException.conflict("Task " + task.id() + " has already ended (" + task.state() + ")");
    }
    AwaitResult.of(launcher.kill(task.id()));
    return Response.json(202, view(task));
  }

  private Task find(String id) {
    return publisher.current().task(id).filter(t -> TaskLauncher.FRAMEWORK_ID.equals(t.info().frameworkId()))
        .orElseThrow(() -> BerthException.notFound("Task '" + id + "' does not exist"));
  }

  private LauncherTask view(Task task) {
    return LauncherTask.of(task, publisher.current().agents().get(task.info().agentId()));
  }
}

package io.berth.agent.api;

import io.berth.agent.EventLoop;
import io.berth.agent.task.LaunchValidation;
import io.berth.agent.task.TaskRunner;
import io.berth.api.agent.KillTask;
import io.berth.api.agent.LaunchTasks;
import io.berth.api.cluster.PortRanges;
import io.berth.common.error.BerthException;
import io.berth.http.ErrorRenderer;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.http.Routes;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The agent's HTTP API, with Mesos' plain-text errors. Public (Mesos shapes): {@code GET /state} and
 * {@code /slave(1)/state} (also with {@code .json}), {@code GET /files/browse|read|download}, {@code GET /health},
 * {@code GET /version}. Internal, used by the master: {@code POST /internal/tasks} ({@link LaunchTasks}) and
 * {@code POST /internal/tasks/{id}/kill} ({@link KillTask}, body optional); both answer 202 once the request is
 * checkpointed and under way.
 */
public final class AgentApi {
  private final EventLoop loop;
  private final TaskRunner runner;
  private final Supplier<MesosAgentState> state;
  private final FilesApi files;
  private final Supplier<PortRanges> agentPorts;

  public AgentApi(EventLoop loop, TaskRunner runner, Supplier<MesosAgentState> state, FilesApi files,
      Supplier<PortRanges> agentPorts) {
    this.loop = loop;
    this.runner = runner;
    this.state = state;
    this.files = files;
    this.agentPorts = agentPorts;
  }

  public Routes routes() {
    Routes.Builder b = Routes.builder(ErrorRenderer.text());
    b.get("/health", r -> Response.empty(200));
    b.get("/version", r -> Response.ok(Map.of("version", AgentStateJson.MESOS_VERSION)));
    for (String path : new String[] {"/state", "/state.json", "/slave(1)/state", "/slave(1)/state.json"}) {
      b.get(path, r -> Response.ok(state.get()));
    }
    for (String prefix : new String[] {"/files", "/slave(1)/files"}) {
      b.get(prefix + "/browse", files::browse).get(prefix + "/browse.json", files::browse);
      b.get(prefix + "/read", files::read).get(prefix + "/read.json", files::read);
      b.get(prefix + "/download", files::download).get(prefix + "/download.json", files::download);
    }
    b.post("/internal/tasks", this::launch);
    b.post("/internal/tasks/{id}/kill", this::kill);
    return b.build();
  }

  private Response launch(Request request) {
    LaunchTasks body = request.json(LaunchTasks.class);
    if (body == null) {
      throw BerthException.badRequest("The request body must be a JSON object");
    }
    LaunchTasks launch = LaunchValidation.check(body, agentPorts.get());
    loop.call(() -> {
      runner.launch(launch.framework(), launch.tasks());
      return null;
    });
    return Response.empty(202);
  }

  private Response kill(Request request) {
    KillTask body = request.body().length == 0 ? null : request.json(KillTask.class);
    KillTask kill = LaunchValidation.check(request.pathParam("id"), body);
    loop.call(() -> {
      runner.kill(kill.taskId(), kill.gracePeriodSeconds());
      return null;
    });
    return Response.empty(202);
  }
}

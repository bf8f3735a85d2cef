package io.berth.master;

import io.berth.api.agent.KillTask;
import io.berth.api.agent.LaunchTasks;
import io.berth.api.cluster.AgentInfo;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.common.error.BerthException;
import io.berth.http.ErrorRenderer;
import io.berth.http.HttpServer;
import io.berth.http.Response;
import io.berth.http.Routes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** The agent side of the agent protocol, recording what the master asks; for master component tests. */
final class FakeAgentEndpoint implements AutoCloseable {
  final BlockingQueue<LaunchTasks> launches = new LinkedBlockingQueue<>();
  final BlockingQueue<KillTask> kills = new LinkedBlockingQueue<>();
  /** When set, launches are refused with it (e.g. an agent that is stopping: 503). */
  volatile BerthException refuseLaunches;
  private final HttpServer server;

  FakeAgentEndpoint() {
    server = HttpServer.start("127.0.0.1", 0, List.of(Routes.builder(ErrorRenderer.text())
        .post("/internal/tasks", r -> {
          if (refuseLaunches != null) {
            throw refuseLaunches;
          }
          launches.add(r.json(LaunchTasks.class));
          return Response.empty(202);
        })
        .post("/internal/tasks/{id}/kill", r -> {
          kills.add(r.json(KillTask.class));
          return Response.empty(202);
        })
        .build()));
  }

  AgentInfo info(String id) {
    return new AgentInfo(id, "fake-agent", "127.0.0.1", server.port(),
        new Resources(4, 4096, 10_000, 0, PortRanges.parse("[31000-31099]")), Map.of("rack", "r1"), null, "test");
  }

  @Override
  public void close() {
    server.close();
  }
}

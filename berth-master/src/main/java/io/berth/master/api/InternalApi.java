package io.berth.master.api;

import io.berth.api.agent.RegisterAgent;
import io.berth.api.agent.StatusUpdates;
import io.berth.http.ErrorRenderer;
import io.berth.http.Response;
import io.berth.http.Routes;
import io.berth.master.Leadership;

/**
 * The master's side of the agent protocol (package {@code io.berth.api.agent}): registration, heartbeats and
 * status updates. Only the leader answers; the others say 503 so that agents look for the leader again.
 */
public final class InternalApi {
  private final Leadership leadership;

  public InternalApi(Leadership leadership) {
    this.leadership = leadership;
  }

  public Routes routes() {
    return Routes.builder(ErrorRenderer.json())
        .post("/internal/agents/register", r ->
            Response.ok(AwaitResult.of(leadership.requireTerm().register(r.json(RegisterAgent.class)))))
        .post("/internal/agents/{id}/heartbeat", r -> {
          AwaitResult.of(leadership.requireTerm().heartbeat(r.pathParam("id")));
          return Response.empty(200);
        })
        .post("/internal/agents/{id}/updates", r ->
            Response.ok(AwaitResult.of(leadership.requireTerm().updates(r.pathParam("id"), r.json(StatusUpdates.class)))))
        .build();
  }
}

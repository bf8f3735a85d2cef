package io.berth.marathon.api;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.http.Handler;
import io.berth.http.Method;
import io.berth.http.Response;
import io.berth.http.Routes;

/**
 * The Marathon REST API on the master's port: {@code /v2/...} and {@code /marathon/v2/...}, plus {@code /ping}
 * and {@code /metrics} (also under {@code /marathon}). Errors in Marathon's shape.
 */
public final class MarathonApi {
  private final TasksApi tasks;
  private final AppsApi apps;
  private final GroupsApi groups;
  private final DeploymentsApi deployments;
  private final QueueApi queue;
  private final MiscApi misc;
  private final PodsApi pods;

  private final ApiContext ctx;
  private final LeaderProxy proxy;

  public MarathonApi(ApiContext ctx) {
    this.ctx = ctx;
    this.proxy = new LeaderProxy(ctx.leader(), ctx.config().hostname());
    this.tasks = new TasksApi(ctx);
    this.apps = new AppsApi(ctx, tasks);
    this.groups = new GroupsApi(ctx, apps);
    this.deployments = new DeploymentsApi(ctx);
    this.queue = new QueueApi(ctx);
    this.misc = new MiscApi(ctx);
    this.pods = new PodsApi(ctx);
  }

  public Routes routes() {
    Routes.Builder b = Routes.builder(MarathonErrors.renderer());
    for (String base : new String[] {"/v2", "/marathon/v2"}) {
      b.get(base + "/apps", guard(apps::list))
          .post(base + "/apps", guard(apps::create))
          .put(base + "/apps", guard(r -> apps.updateMany(r, false)))
          .route(Method.PATCH, base + "/apps", guard(r -> apps.updateMany(r, true)));
      for (Method m : new Method[] {Method.GET, Method.PUT, Method.PATCH, Method.DELETE, Method.POST}) {
        b.route(m, base + "/apps/{path...}", guard(r -> apps.dispatch(r, r.pathParam("path"))));
        b.route(m, base + "/groups", guard(r -> groups.dispatch(r, "")));
        b.route(m, base + "/groups/{path...}", guard(r -> groups.dispatch(r, r.pathParam("path"))));
      }
      b.get(base + "/deployments", guard(deployments::list))
          .delete(base + "/deployments/{id}", guard(deployments::delete))
          .get(base + "/tasks", guard(tasks::list))
          .post(base + "/tasks/delete", guard(tasks::delete))
          .get(base + "/queue", guard(queue::list))
          .delete(base + "/queue/{path...}", guard(r -> queue.resetDelay(r, r.pathParam("path"))))
          .get(base + "/events", guard(misc::events))
          .get(base + "/info", guard(misc::info))
          .get(base + "/leader", guard(misc::leaderGet))
          .delete(base + "/leader", guard(misc::leaderDelete))
          .get(base + "/pods", guard(pods::list))
          .post(base + "/pods", guard(pods::create));
      for (Method m : new Method[] {Method.GET, Method.PUT, Method.DELETE}) {
        b.route(m, base + "/pods/{path...}", guard(r -> pods.dispatch(r, r.pathParam("path"))));
      }
    }
    b.get("/ping", guard(misc::ping)).get("/marathon/ping", guard(misc::ping))
        .get("/metrics", guard(misc::metrics)).get("/marathon/metrics", guard(misc::metrics));
    return b.build();
  }

  /**
   * Every Marathon route: a master that does not lead proxies to the leader; the leader's answers carry
   * {@code X-Marathon-Leader}; the 415 of a non-JSON body becomes Marathon's answer.
   */
  private Handler guard(Handler h) {
    return r -> {
      if (ctx.writer().get().isEmpty()) {
        return proxy.forward(r);
      }
      try {
        return withLeader(h.handle(r));
      } catch (ApiContext.UnsupportedMedia e) {
        return Response.json(415, ApiContext.message(e.getMessage()));
      } catch (IllegalArgumentException e) {
        throw new BerthException(ErrorCode.BAD_REQUEST, e.getMessage(), e);
      }
    };
  }

  private Response withLeader(Response response) {
    String leader = ctx.leader().get().orElse(null);
    if (leader == null) {
      return response;
    }
    java.util.Map<String, String> headers = new java.util.LinkedHashMap<>(response.headers());
    headers.put("X-Marathon-Leader", leader);
    return switch (response) {
      case Response.JsonBody j -> new Response.JsonBody(j.status(), j.body(), headers);
      case Response.Bytes b -> new Response.Bytes(b.status(), b.contentType(), b.body(), headers);
      case Response.Stream st -> new Response.Stream(st.status(), st.contentType(), headers, st.writer());
    };
  }
}

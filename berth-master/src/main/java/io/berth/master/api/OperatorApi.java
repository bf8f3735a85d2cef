package io.berth.master.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskState;
import io.berth.common.error.BerthException;
import io.berth.framework.Offer;
import io.berth.http.ErrorRenderer;
import io.berth.http.Handler;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.http.Routes;
import io.berth.master.Leadership;
import io.berth.master.OperatorView;
import io.berth.state.image.Agent;
import io.berth.state.image.Framework;
import io.berth.state.image.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The Mesos master's operator endpoints ({@code /master/state}, {@code /master/state-summary}, {@code /master/slaves},
 * {@code /master/frameworks}, {@code /master/tasks}, {@code /master/health}, {@code /master/redirect},
 * {@code /version}), served both at the root and under {@code /mesos} as Admin Router exposes them. A master that
 * does not lead redirects to the leader. Errors are plain text, as in Mesos.
 */
public final class OperatorApi {
  private final Leadership leadership;
  private final Instant startTime;

  public OperatorApi(Leadership leadership, Instant startTime) {
    this.leadership = leadership;
    this.startTime = startTime;
  }

  public Routes routes() {
    Routes.Builder routes = Routes.builder(ErrorRenderer.text());
    for (String prefix : List.of("", "/mesos")) {
      routes.get(prefix + "/master/state", leaderOnly(this::state))
          .get(prefix + "/master/state.json", leaderOnly(this::state))
          .get(prefix + "/state", leaderOnly(this::state))
          .get(prefix + "/state.json", leaderOnly(this::state))
          .get(prefix + "/master/state-summary", leaderOnly(this::summary))
          .get(prefix + "/master/slaves", leaderOnly(this::slaves))
          .get(prefix + "/master/frameworks", leaderOnly(this::frameworks))
          .get(prefix + "/master/tasks", leaderOnly(this::tasks))
          .get(prefix + "/master/tasks.json", leaderOnly(this::tasks))
          .get(prefix + "/master/health", r -> Response.empty(200))
          .get(prefix + "/health", r -> Response.empty(200))
          .get(prefix + "/master/redirect", this::redirect)
          .get(prefix + "/redirect", this::redirect)
          .get(prefix + "/version", r -> Response.ok(MesosJson.object().put("version", MesosJson.MESOS_VERSION)
              .put("build_date", "").put("build_user", "berth").put("git_sha", "").put("berth_version", "0.1.0")));
    }
    return routes.build();
  }

  private interface ViewHandler {
    Response handle(Request request, OperatorView view);
  }

  /** Serves from the leader's view; a master that does not lead redirects to the leader (307), as Mesos does. */
  private Handler leaderOnly(ViewHandler handler) {
    return request -> {
      if (leadership.term().isEmpty()) {
        String leader = leadership.leaderUrl().orElseThrow(() -> BerthException.unavailable("No leading master is elected yet"));
        return Response.redirect(307, leader + request.path());
      }
      try {
        return handler.handle(request, leadership.requireTerm().view().get());
      } catch (ExecutionException e) {
        throw e.getCause() instanceof BerthException b ? b : new RuntimeException(e.getCause());
      }
    };
  }

  private Response redirect(Request request) {
    String leader = leadership.leaderUrl().orElseThrow(() -> BerthException.unavailable("No leading master is elected yet"));
    return Response.redirect(307, leader.replaceFirst("^https?:", ""));
  }

  private Response state(Request request, OperatorView view) {
    String url = leadership.config().url();
    ObjectNode node = MesosJson.object()
        .put("version", MesosJson.MESOS_VERSION)
        .put("id", "berth-master")
        .put("pid", MesosJson.pid("master", url))
        .put("hostname", leadership.config().hostname())
        .put("start_time", MesosJson.seconds(startTime))
        .put("elected_time", MesosJson.seconds(view.electedAt()))
        .put("leader", MesosJson.pid("master", url))
        .put("activated_slaves", view.image().agents().values().stream().filter(Agent::reachable).count())
        .put("deactivated_slaves", 0)
        .put("unreachable_slaves", view.image().agents().values().stream().filter(a -> !a.reachable()).count());
    node.putObject("leader_info").put("id", "berth-master").put("pid", MesosJson.pid("master", url))
        .put("hostname", leadership.config().hostname()).put("port", leadership.config().port())
        .putObject("address").put("ip", leadership.config().ip()).put("port", leadership.config().port())
        .put("hostname", leadership.config().hostname());
    node.putObject("flags");
    node.set("slaves", agentsJson(view));
    node.set("frameworks", frameworksJson(view));
    node.set("completed_frameworks", completedFrameworksJson(view));
    node.putArray("orphan_tasks");
    node.putArray("unregistered_frameworks");
    return Response.ok(node);
  }

  private Response summary(Request request, OperatorView view) {
    ObjectNode node = MesosJson.object().put("hostname", leadership.config().hostname()).put("cluster", "berth");
    Map<String, Resources> used = view.image().usedByAgent();
    ArrayNode slaves = node.putArray("slaves");
    for (Agent a : view.image().agents().values()) {
      ObjectNode s = MesosJson.agent(a, used.getOrDefault(a.id(), Resources.NONE), offeredOn(view, a.id()));
      countStates(s, view.image().tasksOnAgent(a.id()));
      ArrayNode frameworkIds = s.putArray("framework_ids");
      view.image().tasksOnAgent(a.id()).stream().filter(t -> !t.terminal()).map(t -> t.info().frameworkId())
          .distinct().forEach(frameworkIds::add);
      slaves.add(s);
    }
    Map<String, Resources> usedByFramework = view.image().usedByFramework();
    ArrayNode frameworks = node.putArray("frameworks");
    for (Framework f : view.image().frameworks().values()) {
      List<Task> tasks = view.image().tasksOfFramework(f.id());
      ObjectNode fw = MesosJson.object().put("id", f.id()).put("name", f.info().name()).put("pid", "")
          .put("hostname", f.info().hostname() == null ? "" : f.info().hostname())
          .put("webui_url", f.info().webuiUrl() == null ? "" : f.info().webuiUrl())
          .put("active", view.connectedFrameworks().contains(f.id()));
      fw.set("used_resources", MesosJson.resources(usedByFramework.getOrDefault(f.id(), Resources.NONE)));
      fw.set("offered_resources", MesosJson.resources(offeredTo(view, f.id())));
      countStates(fw, tasks);
      ArrayNode slaveIds = fw.putArray("slave_ids");
      tasks.stream().filter(t -> !t.terminal()).map(t -> t.info().agentId()).distinct().forEach(slaveIds::add);
      frameworks.add(fw);
    }
    return Response.ok(node);
  }

  private static void countStates(ObjectNode node, List<Task> tasks) {
    for (TaskState s : TaskState.values()) {
      node.put(s.name(), tasks.stream().filter(t -> t.state() == s).count());
    }
  }

  private Response slaves(Request request, OperatorView view) {
    ObjectNode node = MesosJson.object();
    node.set("slaves", agentsJson(view));
    node.putArray("recovered_slaves");
    return Response.ok(node);
  }

  private Response frameworks(Request request, OperatorView view) {
    ObjectNode node = MesosJson.object();
    node.set("frameworks", frameworksJson(view));
    node.set("completed_frameworks", completedFrameworksJson(view));
    node.putArray("unregistered_frameworks");
    return Response.ok(node);
  }

  private Response tasks(Request request, OperatorView view) {
    long limit = request.queryLong("limit").orElse(100L);
    long offset = request.queryLong("offset").orElse(0L);
    String order = request.query("order").orElse("des");
    if (limit < 0 || offset < 0) {
      throw BerthException.badRequest("'limit' and 'offset' must not be negative");
    }
    if (!order.equals("asc") && !order.equals("des")) {
      throw BerthException.badRequest("'order' must be 'asc' or 'des'");
    }
    Comparator<Task> byTime = Comparator.comparing((Task t) -> t.statuses().getFirst().timestamp()).thenComparing(Task::id);
    List<Task> tasks = new ArrayList<>(view.image().tasks().values().stream()
        .filter(t -> request.query("framework_id").map(f -> f.equals(t.info().frameworkId())).orElse(true))
        .filter(t -> request.query("task_id").map(id -> id.equals(t.id())).orElse(true))
        .sorted(order.equals("asc") ? byTime : byTime.reversed())
        .toList());
    ObjectNode node = MesosJson.object();
    ArrayNode array = node.putArray("tasks");
    tasks.stream().skip(offset).limit(limit).forEach(t -> array.add(MesosJson.task(t, agentIp(view, t))));
    return Response.ok(node);
  }

  private static String agentIp(OperatorView view, Task t) {
    Agent a = view.image().agents().get(t.info().agentId());
    return a == null ? null : a.info().ip();
  }

  private ArrayNode agentsJson(OperatorView view) {
    Map<String, Resources> used = view.image().usedByAgent();
    ArrayNode array = MesosJson.object().arrayNode();
    for (Agent a : view.image().agents().values()) {
      array.add(MesosJson.agent(a, used.getOrDefault(a.id(), Resources.NONE), offeredOn(view, a.id())));
    }
    return array;
  }

  private ArrayNode frameworksJson(OperatorView view) {
    Map<String, Resources> used = view.image().usedByFramework();
    ArrayNode array = MesosJson.object().arrayNode();
    for (Framework f : view.image().frameworks().values()) {
      array.add(MesosJson.framework(f, view, view.image().tasksOfFramework(f.id()),
          used.getOrDefault(f.id(), Resources.NONE), offeredTo(view, f.id())));
    }
    return array;
  }

  private ArrayNode completedFrameworksJson(OperatorView view) {
    ArrayNode array = MesosJson.object().arrayNode();
    view.image().completedFrameworks().forEach(f ->
        array.add(MesosJson.framework(f, view, List.of(), Resources.NONE, Resources.NONE)));
    return array;
  }

  private static Resources offeredOn(OperatorView view, String agentId) {
    return view.offers().stream().filter(o -> o.agentId().equals(agentId)).map(Offer::resources)
        .reduce(Resources.NONE, Resources::plus);
  }

  private static Resources offeredTo(OperatorView view, String frameworkId) {
    return view.offers().stream().filter(o -> o.frameworkId().equals(frameworkId)).map(Offer::resources)
        .reduce(Resources.NONE, Resources::plus);
  }
}

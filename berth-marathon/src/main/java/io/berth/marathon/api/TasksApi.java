package io.berth.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.BerthException;
import io.berth.http.Method;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.marathon.model.PathId;
import io.berth.marathon.scheduler.Instance;
import io.berth.marathon.scheduler.SchedulerView;
import io.berth.marathon.scheduler.TaskFactory;
import io.berth.state.image.ClusterImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /v2/tasks} and {@code /v2/apps/{id}/tasks}: list and kill tasks, optionally scaling the apps down (§3.4, §3.8). */
final class TasksApi {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final ApiContext ctx;

  TasksApi(ApiContext ctx) {
    this.ctx = ctx;
  }

  /** The tab-separated {@code text/plain} form was removed in Marathon 1.10: 406 when only it is acceptable. */
  static boolean onlyTextAccepted(Request r) {
    String accept = r.header("accept").orElse("*/*");
    return accept.contains("text/plain") && !accept.contains("json") && !accept.contains("*/*");
  }

  static Response notAcceptable() {
    return Response.json(406, ApiContext.message("The text/plain task list was removed in Marathon 1.10; ask for application/json"));
  }

  Response list(Request r) {
    if (onlyTextAccepted(r)) {
      return notAcceptable();
    }
    ClusterImage image = ctx.image();
    SchedulerView view = ctx.scheduler().view();
    List<String> status = new ArrayList<>(r.query().getOrDefault("status", List.of()));
    status.addAll(r.query().getOrDefault("status[]", List.of()));
    ArrayNode tasks = F.arrayNode();
    ctx.instances(image).forEach((appId, list) -> list.stream().filter(Instance::active).forEach(i -> {
      String s = i.state().name();
      boolean keep = status.stream().noneMatch(x -> x.equals("running") || x.equals("staging"))
          || (status.contains("running") && s.equals("TASK_RUNNING"))
          || (status.contains("staging") && (s.equals("TASK_STAGING") || s.equals("TASK_STARTING")));
      if (keep) {
        tasks.add(AppJson.task(i, image.apps().apps().get(appId), image, view));
      }
    }));
    return Response.ok(F.objectNode().set("tasks", tasks));
  }

  /** GET lists, DELETE kills the tasks of an app (or of all apps of a group with {@code <group>/*}). */
  Response ofApp(Request r, String appId, String taskId) {
    ClusterImage image = ctx.image();
    List<String> apps = new ArrayList<>();
    if (appId.endsWith("/*")) {
      String group = PathId.resolve("/", appId.substring(0, appId.length() - 2));
      image.apps().apps().keySet().stream().filter(a -> PathId.isWithin(a, group)).forEach(apps::add);
    } else {
      AppsApi.find(image, appId);
      apps.add(appId);
    }
    Map<String, List<Instance>> all = ctx.instances(image);
    List<Instance> instances = new ArrayList<>();
    apps.forEach(a -> all.getOrDefault(a, List.of()).stream().filter(Instance::active).forEach(instances::add));
    if (r.method() == Method.GET || r.method() == Method.HEAD) {
      if (onlyTextAccepted(r)) {
        return notAcceptable();
      }
      ArrayNode tasks = F.arrayNode();
      SchedulerView view = ctx.scheduler().view();
      instances.forEach(i -> tasks.add(AppJson.task(i, image.apps().apps().get(i.appId()), image, view)));
      return Response.ok(F.objectNode().set("tasks", tasks));
    }
    if (r.method() != Method.DELETE) {
      throw new BerthException(io.berth.common.error.ErrorCode.METHOD_NOT_ALLOWED, "Method " + r.method() + " is not allowed");
    }
    List<Instance> victims;
    if (taskId != null) {
      victims = instances.stream().filter(i -> i.id().equals(taskId) || TaskFactory.instanceId(i.id()).equals(taskId)).toList();
      if (victims.isEmpty()) {
        throw BerthException.notFound("Task '" + taskId + "' does not exist");
      }
    } else {
      String host = r.query("host").orElse("*");
      victims = instances.stream().filter(i -> host.equals("*") || host.equals(hostOf(image, i))).toList();
    }
    Response killed = kill(r, victims);
    if (killed != null) {
      return killed;
    }
    SchedulerView view = ctx.scheduler().view();
    if (taskId != null) {
      return Response.ok(F.objectNode().set("task", AppJson.task(victims.getFirst(), image.apps().apps().get(appId), image, view)));
    }
    ArrayNode tasks = F.arrayNode();
    victims.forEach(i -> tasks.add(AppJson.task(i, image.apps().apps().get(i.appId()), image, view)));
    return Response.ok(F.objectNode().set("tasks", tasks));
  }

  private static String hostOf(ClusterImage image, Instance i) {
    return image.agent(i.agentId()).map(a -> a.info().hostname()).orElse("");
  }

  /** Kills; with {@code scale=true} also lowers the apps' instances in one deployment and returns its result. */
  private Response kill(Request r, List<Instance> victims) {
    boolean scale = ApiContext.flag(r, "scale", false);
    boolean wipe = ApiContext.flag(r, "wipe", false);
    if (scale && wipe) {
      throw BerthException.badRequest("You cannot use scale and wipe at the same time.");
    }
    ctx.writer().get().orElseThrow(() -> new BerthException(io.berth.common.error.ErrorCode.NOT_LEADER,
        "This master is not the Marathon leader"));
    ctx.scheduler().killTasks(victims.stream().map(Instance::id).toList());
    if (!scale) {
      return null;
    }
    Map<String, Integer> byApp = new LinkedHashMap<>();
    victims.forEach(i -> byApp.merge(i.appId(), 1, Integer::sum));
    String deploymentId = ctx.ids().next();
    RootEdit.Result result = ctx.write(img -> {
      Map<String, ObjectNode> apps = new LinkedHashMap<>();
      byApp.forEach((appId, n) -> {
        JsonNode app = img.apps().apps().get(appId);
        if (app != null) {
          ObjectNode scaled = ((ObjectNode) app).deepCopy();
          scaled.put("instances", Math.max(0, app.path("instances").asInt() - n));
          apps.put(appId, scaled);
        }
      });
      return new RootEdit(apps, Set.of(), Map.of(), Set.of(), Set.of()).apply(img, ctx.clock().instant(), deploymentId,
          ApiContext.flag(r, "force", false));
    });
    return ApiContext.deploymentResult(200, deploymentId, result.version());
  }

  /** POST {@code /v2/tasks/delete} with {@code {"ids": [...]}}. */
  Response delete(Request r) {
    JsonNode body = ApiContext.body(r);
    JsonNode ids = body.path("ids");
    if (!ids.isArray()) {
      throw BerthException.invalid("Invalid JSON", List.of(BerthException.Detail.of("/ids", "error.expected.jsarray")));
    }
    ClusterImage image = ctx.image();
    List<Instance> victims = new ArrayList<>();
    for (JsonNode id : ids) {
      String taskId = id.asText();
      if (TaskFactory.appIdOf(taskId).isEmpty()) {
        throw BerthException.badRequest("Invalid task id '" + taskId + "'. [" + taskId + "] is not a valid task id");
      }
      image.task(taskId).filter(t -> !t.terminal()).map(Instance::of).filter(i -> i.appId() != null).ifPresent(victims::add);
    }
    Response scaled = kill(r, victims);
    if (scaled != null) {
      return scaled;
    }
    ArrayNode tasks = F.arrayNode();
    SchedulerView view = ctx.scheduler().view();
    victims.forEach(i -> tasks.add(AppJson.task(i, image.apps().apps().get(i.appId()), image, view)));
    return Response.ok(F.objectNode().set("tasks", tasks));
  }
}

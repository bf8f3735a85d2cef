package io.berth.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.BerthException;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.marathon.model.AppNormalizer;
import io.berth.marathon.model.AppValidator;
import io.berth.marathon.model.JsonTypes;
import io.berth.marathon.model.PathId;
import io.berth.marathon.scheduler.Instance;
import io.berth.marathon.scheduler.SchedulerView;
import io.berth.state.image.ClusterImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /v2/apps}: list, create, update (partial, rollback, scale), delete, restart, versions (spec §3.1–3.5). */
final class AppsApi {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final ApiContext ctx;
  private final TasksApi tasks;

  AppsApi(ApiContext ctx, TasksApi tasks) {
    this.ctx = ctx;
    this.tasks = tasks;
  }

  Response list(Request r) {
    ClusterImage image = ctx.image();
    SchedulerView view = ctx.scheduler().view();
    Map<String, List<Instance>> instances = ctx.instances(image);
    AppJson.Embeds embeds = AppJson.Embeds.of(r.query().getOrDefault("embed", List.of()), false);
    String cmd = r.query("cmd").map(String::toLowerCase).orElse(null);
    String id = r.query("id").map(String::toLowerCase).orElse(null);
    LabelSelector labels = LabelSelector.parse(r.query("label").orElse(""));
    ArrayNode apps = F.arrayNode();
    for (JsonNode app : image.apps().apps().values()) {
      if (cmd != null && !app.path("cmd").asText("").toLowerCase().contains(cmd)) {
        continue;
      }
      if (id != null && !app.path("id").asText().toLowerCase().contains(id)) {
        continue;
      }
      if (!labels.matches(app.path("labels"))) {
        continue;
      }
      apps.add(AppJson.info(app, image, view, instances.getOrDefault(app.path("id").asText(), List.of()), embeds));
    }
    return Response.ok(F.objectNode().set("apps", apps));
  }

  /** Parses, type-checks, normalises and validates an app body. */
  ObjectNode canonical(JsonNode body, String base, String prefix) {
    JsonTypes.checkApp(body, prefix);
    List<BerthException.Detail> errors = new ArrayList<>();
    ObjectNode app = AppNormalizer.normalize((ObjectNode) body, base, errors);
    errors = new ArrayList<>(errors.stream().map(d -> new BerthException.Detail(prefix + d.path(), d.errors())).toList());
    errors.addAll(AppValidator.problems(app, ctx.config().features(), prefix));
    if (!errors.isEmpty()) {
      throw BerthException.invalid("Object is not valid", errors);
    }
    return app;
  }

  Response create(Request r) {
    JsonNode body = ApiContext.body(r);
    ObjectNode app = canonical(body, "/", "");
    String id = app.path("id").asText();
    String deploymentId = ctx.ids().next();
    RootEdit.Result result = ctx.write(image -> {
      if (image.apps().apps().containsKey(id)) {
        throw BerthException.conflict("An app with id [" + id + "] already exists.");
      }
      return RootEdit.apps(Map.of(id, app)).apply(image, ctx.clock().instant(), deploymentId, ApiContext.flag(r, "force", false));
    });
    ObjectNode out = ((ObjectNode) result.apps().get(id)).deepCopy();
    out.put("tasksStaged", 0).put("tasksRunning", 0).put("tasksHealthy", 0).put("tasksUnhealthy", 0);
    out.putArray("deployments").addObject().put("id", deploymentId);
    publishApiPost(r, result.apps().get(id));
    return new Response.JsonBody(201, out, Map.of("Location", id, "Marathon-Deployment-Id", deploymentId));
  }

  private void publishApiPost(Request r, JsonNode app) {
    ObjectNode e = ctx.events().payload("api_post_event").put("clientIp", r.remoteAddress()).put("uri", r.path());
    e.set("appDefinition", app);
    ctx.events().publish(e);
  }

  /** PUT/PATCH {@code /v2/apps}: many apps in one deployment. */
  Response updateMany(Request r, boolean patch) {
    JsonNode body = ApiContext.body(r);
    if (!body.isArray()) {
      throw BerthException.invalid("Invalid JSON", List.of(BerthException.Detail.of("/", "error.expected.jsarray")));
    }
    boolean partial = patch || ApiContext.flag(r, "partialUpdate", true);
    ClusterImage image = ctx.image();
    Map<String, ObjectNode> apps = new LinkedHashMap<>();
    for (int i = 0; i < body.size(); i++) {
      JsonNode element = body.get(i);
      String prefix = "(" + i + ")";
      if (!element.isObject() || !element.hasNonNull("id")) {
        throw BerthException.invalid("Object is not valid", List.of(BerthException.Detail.of(prefix + "/id", "error.path.missing")));
      }
      JsonTypes.checkApp(element, prefix);
      String id = PathId.resolve("/", element.get("id").asText());
      JsonNode current = image.apps().apps().get(id);
      if (patch && current == null) {
        throw BerthException.notFound("App '" + id + "' does not exist");
      }
      ObjectNode merged = current != null && partial ? merge(current, (ObjectNode) element) : ((ObjectNode) element).deepCopy();
      merged.put("id", id);
      apps.put(id, canonical(merged, "/", prefix));
    }
    String deploymentId = ctx.ids().next();
    RootEdit.Result result = ctx.write(img -> RootEdit.apps(apps).apply(img, ctx.clock().instant(), deploymentId,
        ApiContext.flag(r, "force", false)));
    result.apps().values().forEach(a -> publishApiPost(r, a));
    return ApiContext.deploymentResult(200, deploymentId, result.version());
  }

  /** A partial update: fields of {@code update} replace the current ones; legacy forms replace their canonical ones. */
  static ObjectNode merge(JsonNode current, ObjectNode update) {
    ObjectNode merged = ((ObjectNode) current).deepCopy();
    if (update.has("ports") || update.has("portDefinitions") || update.has("ipAddress")) {
      merged.remove("portDefinitions");
    }
    if (update.has("uris")) {
      merged.remove("fetch");
    }
    if (update.has("ipAddress") || update.path("container").path("docker").has("network") || update.has("networks")) {
      merged.remove("networks");
    }
    if (update.has("networks") && !"host".equals(update.path("networks").path(0).path("mode").asText("host"))) {
      merged.remove("portDefinitions");
    }
    if (update.has("cmd") && !update.has("args")) {
      merged.remove("args");
    }
    if (update.has("args") && !update.has("cmd")) {
      merged.remove("cmd");
    }
    update.fields().forEachRemaining(f -> merged.set(f.getKey(), f.getValue()));
    merged.remove(List.of("version", "versionInfo"));
    return merged;
  }

  Response get(Request r, String id) {
    ClusterImage image = ctx.image();
    SchedulerView view = ctx.scheduler().view();
    Map<String, List<Instance>> instances = ctx.instances(image);
    if (id.endsWith("/*")) {
      String group = PathId.resolve("/", id.substring(0, id.length() - 2));
      if (!group.equals("/") && !image.apps().groups().containsKey(group)) {
        throw BerthException.notFound("Group '" + group + "' does not exist");
      }
      ArrayNode apps = F.arrayNode();
      AppJson.Embeds embeds = AppJson.Embeds.of(r.query().getOrDefault("embed", List.of()), false);
      image.apps().apps().forEach((appId, app) -> {
        if (PathId.isWithin(appId, group)) {
          apps.add(AppJson.info(app, image, view, instances.getOrDefault(appId, List.of()), embeds));
        }
      });
      return Response.ok(F.objectNode().set("*", apps));
    }
    JsonNode app = find(image, id);
    AppJson.Embeds embeds = AppJson.Embeds.of(r.query().getOrDefault("embed", List.of()), true);
    return Response.ok(F.objectNode().set("app", AppJson.info(app, image, view, instances.getOrDefault(id, List.of()), embeds)));
  }

  static JsonNode find(ClusterImage image, String id) {
    JsonNode app = image.apps().apps().get(id);
    if (app == null) {
      throw BerthException.notFound("App '" + id + "' does not exist");
    }
    return app;
  }

  /** PUT/PATCH {@code /v2/apps/{id}}: update (partial by default), create with PUT, rollback to a version. */
  Response update(Request r, String id, boolean patch) {
    JsonNode body = ApiContext.body(r);
    if (!body.isObject()) {
      throw BerthException.invalid("Invalid JSON", List.of(BerthException.Detail.of("/", "error.expected.jsobject")));
    }
    ClusterImage image = ctx.image();
    JsonNode current = image.apps().apps().get(id);
    if (patch && current == null) {
      throw BerthException.notFound("App '" + id + "' does not exist");
    }
    ObjectNode app;
    if (body.has("version")) {
      List<String> others = new ArrayList<>();
      body.fieldNames().forEachRemaining(f -> {
        if (!f.equals("version") && !f.equals("id")) {
          others.add(f);
        }
      });
      if (!others.isEmpty()) {
        throw BerthException.invalid("The 'version' field may only be combined with the 'id' field.");
      }
      String version = body.get("version").asText();
      app = image.apps().appVersions().getOrDefault(id, List.of()).stream()
          .filter(v -> v.path("version").asText().equals(version)).findFirst()
          .map(v -> ((ObjectNode) v).deepCopy())
          .orElseThrow(() -> BerthException.notFound("App '" + id + "' does not exist in version " + version));
      app.remove(List.of("version", "versionInfo"));
    } else {
      JsonTypes.checkApp(body, "");
      boolean partial = patch || ApiContext.flag(r, "partialUpdate", true);
      ObjectNode merged = current != null && partial ? merge(current, (ObjectNode) body) : ((ObjectNode) body).deepCopy();
      merged.put("id", id);
      app = canonical(merged, "/", "");
    }
    String deploymentId = ctx.ids().next();
    ObjectNode finalApp = app;
    RootEdit.Result result = ctx.write(img -> RootEdit.apps(Map.of(id, finalApp)).apply(img, ctx.clock().instant(),
        deploymentId, ApiContext.flag(r, "force", false)));
    if (result.apps().containsKey(id)) {
      publishApiPost(r, result.apps().get(id));
    }
    if (current == null) {
      Response.JsonBody created = (Response.JsonBody) ApiContext.deploymentResult(201, deploymentId, result.version());
      return new Response.JsonBody(201, created.body(), Map.of("Location", id, "Marathon-Deployment-Id", deploymentId));
    }
    return ApiContext.deploymentResult(200, deploymentId, result.version());
  }

  Response delete(Request r, String id) {
    find(ctx.image(), id);
    String deploymentId = ctx.ids().next();
    RootEdit.Result result = ctx.write(img -> {
      find(img, id);
      return new RootEdit(Map.of(), Set.of(id), Map.of(), Set.of(), Set.of()).apply(img, ctx.clock().instant(),
          deploymentId, ApiContext.flag(r, "force", true));
    });
    return ApiContext.deploymentResult(200, deploymentId, result.version());
  }

  Response restart(Request r, String id) {
    find(ctx.image(), id);
    String deploymentId = ctx.ids().next();
    RootEdit.Result result = ctx.write(img -> {
      ObjectNode app = ((ObjectNode) find(img, id)).deepCopy();
      return new RootEdit(Map.of(id, app), Set.of(), Map.of(), Set.of(), Set.of(id)).apply(img, ctx.clock().instant(),
          deploymentId, ApiContext.flag(r, "force", false));
    });
    return ApiContext.deploymentResult(200, deploymentId, result.version());
  }

  Response versions(String id) {
    ClusterImage image = ctx.image();
    find(image, id);
    ArrayNode versions = F.arrayNode();
    List<JsonNode> stored = new ArrayList<>(image.apps().appVersions().getOrDefault(id, List.of()));
    java.util.Collections.reverse(stored);
    stored.forEach(v -> versions.add(v.path("version").asText()));
    return Response.ok(F.objectNode().set("versions", versions));
  }

  Response version(String id, String version) {
    ClusterImage image = ctx.image();
    find(image, id);
    return image.apps().appVersions().getOrDefault(id, List.of()).stream()
        .filter(v -> v.path("version").asText().equals(version)).findFirst().map(Response::ok)
        .orElseThrow(() -> BerthException.notFound("App '" + id + "' does not exist in version " + version));
  }

  /** Routes {@code /v2/apps/<id>[/restart|/tasks[/<task>]|/versions[/<v>]]} by their suffix, from the right. */
  Response dispatch(Request r, String rest) {
    String path = "/" + rest.replaceAll("/+", "/").replaceAll("^/|/$", "");
    String[] segs = path.substring(1).split("/");
    int n = segs.length;
    var method = r.method();
    if (n >= 2 && segs[n - 1].equals("restart") && method == io.berth.http.Method.POST) {
      return restart(r, join(segs, n - 1));
    }
    if (n >= 2 && segs[n - 1].equals("tasks")) {
      return tasks.ofApp(r, join(segs, n - 1), null);
    }
    if (n >= 3 && segs[n - 2].equals("tasks")) {
      return tasks.ofApp(r, join(segs, n - 2), segs[n - 1]);
    }
    if (n >= 2 && segs[n - 1].equals("versions") && method == io.berth.http.Method.GET) {
      return versions(join(segs, n - 1));
    }
    if (n >= 3 && segs[n - 2].equals("versions") && method == io.berth.http.Method.GET) {
      return version(join(segs, n - 2), segs[n - 1]);
    }
    String id = path.endsWith("/*") ? path : PathId.resolve("/", path);
    return switch (method) {
      case GET, HEAD -> get(r, id);
      case PUT -> update(r, id, false);
      case PATCH -> update(r, id, true);
      case DELETE -> delete(r, id);
      case POST -> throw new BerthException(io.berth.common.error.ErrorCode.METHOD_NOT_ALLOWED, "Method POST is not allowed on " + r.path());
    };
  }

  private static String join(String[] segs, int end) {
    return PathId.resolve("/", String.join("/", java.util.Arrays.asList(segs).subList(0, end)));
  }
}

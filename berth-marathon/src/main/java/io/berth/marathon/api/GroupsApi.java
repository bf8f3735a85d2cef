package io.berth.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.BerthException;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.marathon.deploy.DeploymentJson;
import io.berth.marathon.model.PathId;
import io.berth.marathon.scheduler.Instance;
import io.berth.marathon.scheduler.SchedulerView;
import io.berth.state.apps.StoredDeployment;
import io.berth.state.apps.StoredGroup;
import io.berth.state.image.ClusterImage;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code /v2/groups}: the group tree, create, structural update, scaleBy, version rollback, delete (§3.6, §5). */
final class GroupsApi {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final ApiContext ctx;
  private final AppsApi apps;

  GroupsApi(ApiContext ctx, AppsApi apps) {
    this.ctx = ctx;
    this.apps = apps;
  }

  /** Every group id of the image: explicit ones and the parents of apps, with the root. */
  static Set<String> groupIds(ClusterImage image) {
    Set<String> ids = new TreeSet<>(image.apps().groups().keySet());
    ids.add("/");
    image.apps().apps().keySet().forEach(a -> {
      for (String g = PathId.parent(a); !g.equals("/"); g = PathId.parent(g)) {
        ids.add(g);
      }
    });
    return ids;
  }

  Response dispatch(Request r, String rest) {
    String path = "/" + rest.replaceAll("/+", "/").replaceAll("^/|/$", "");
    String[] segs = path.equals("/") ? new String[0] : path.substring(1).split("/");
    int n = segs.length;
    if (r.method() == io.berth.http.Method.GET || r.method() == io.berth.http.Method.HEAD) {
      if (n >= 1 && segs[n - 1].equals("versions")) {
        return versions(join(segs, n - 1));
      }
      if (n >= 2 && segs[n - 2].equals("versions")) {
        return Response.ok(atVersion(join(segs, n - 2), segs[n - 1]));
      }
      if (n >= 1 && segs[n - 1].equals("apps")) {
        String id = join(segs, n - 1);
        ClusterImage image = ctx.image();
        requireGroup(image, id);
        return apps.get(r, id.equals("/") ? "/*" : id + "/*");
      }
      return get(r, PathId.resolve("/", path));
    }
    String id = PathId.resolve("/", path);
    return switch (r.method()) {
      case POST -> create(r, id);
      case PUT -> update(r, id);
      case PATCH -> Response.ok(F.objectNode());
      case DELETE -> delete(r, id);
      default -> throw new BerthException(io.berth.common.error.ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed");
    };
  }

  private static String join(String[] segs, int end) {
    return PathId.resolve("/", String.join("/", java.util.Arrays.asList(segs).subList(0, end)));
  }

  private static void requireGroup(ClusterImage image, String id) {
    if (!groupIds(image).contains(id)) {
      throw BerthException.notFound("Group '" + id + "' does not exist");
    }
  }

  Response get(Request r, String id) {
    ClusterImage image = ctx.image();
    requireGroup(image, id);
    List<String> embed = r.query().getOrDefault("embed", List.of());
    boolean groups = embed.isEmpty() || embed.contains("group.groups");
    boolean withApps = embed.isEmpty() || embed.stream().anyMatch(e -> e.startsWith("group.apps"));
    AppJson.Embeds embeds = AppJson.Embeds.of(embed, false);
    return Response.ok(render(image, id, groups, withApps, embeds, ctx.scheduler().view(), ctx.instances(image)));
  }

  private ObjectNode render(ClusterImage image, String id, boolean groups, boolean withApps, AppJson.Embeds embeds,
      SchedulerView view, Map<String, List<Instance>> instances) {
    ObjectNode o = F.objectNode().put("id", id);
    ArrayNode appList = o.putArray("apps");
    String version = image.apps().groups().containsKey(id) ? image.apps().groups().get(id).version() : null;
    for (Map.Entry<String, JsonNode> e : image.apps().apps().entrySet()) {
      if (PathId.parent(e.getKey()).equals(id)) {
        if (withApps) {
          appList.add(AppJson.info(e.getValue(), image, view, instances.getOrDefault(e.getKey(), List.of()), embeds));
        }
      }
      if (PathId.isWithin(e.getKey(), id)) {
        String v = e.getValue().path("version").asText();
        version = version == null || v.compareTo(version) > 0 ? v : version;
      }
    }
    o.putArray("pods");
    ArrayNode children = o.putArray("groups");
    if (groups) {
      for (String g : groupIds(image)) {
        if (!g.equals("/") && PathId.parent(g).equals(id)) {
          children.add(render(image, g, true, withApps, embeds, view, instances));
        }
      }
    }
    ArrayNode deps = o.putArray("dependencies");
    StoredGroup stored = image.apps().groups().get(id);
    if (stored != null) {
      stored.dependencies().forEach(deps::add);
    }
    o.put("version", version == null ? io.berth.marathon.events.Timestamps.format(java.time.Instant.EPOCH) : version);
    o.put("enforceRole", stored != null && stored.enforceRole());
    return o;
  }

  private Response versions(String id) {
    ClusterImage image = ctx.image();
    requireGroup(image, id);
    TreeSet<String> versions = new TreeSet<>(java.util.Comparator.reverseOrder());
    image.apps().appVersions().forEach((appId, list) -> {
      if (PathId.isWithin(appId, id)) {
        list.forEach(v -> versions.add(v.path("version").asText()));
      }
    });
    StoredGroup g = image.apps().groups().get(id);
    if (g != null) {
      versions.add(g.version());
    }
    ArrayNode out = F.arrayNode();
    versions.forEach(out::add);
    return Response.ok(out);
  }

  /** The apps of a group as they were at {@code version}: each app's newest stored version not after it. */
  private Map<String, JsonNode> appsAt(ClusterImage image, String id, String version) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    boolean known = image.apps().groups().containsKey(id) && image.apps().groups().get(id).version().equals(version);
    for (Map.Entry<String, List<JsonNode>> e : image.apps().appVersions().entrySet()) {
      if (!PathId.isWithin(e.getKey(), id)) {
        continue;
      }
      JsonNode best = null;
      for (JsonNode v : e.getValue()) {
        known |= v.path("version").asText().equals(version);
        if (v.path("version").asText().compareTo(version) <= 0) {
          best = v;
        }
      }
      if (best != null) {
        out.put(e.getKey(), best);
      }
    }
    if (!known) {
      throw BerthException.invalid("Group '" + id + "' does not exist in version " + version);
    }
    return out;
  }

  private ObjectNode atVersion(String id, String version) {
    ClusterImage image = ctx.image();
    requireGroup(image, id);
    Map<String, JsonNode> at = appsAt(image, id, version);
    ObjectNode o = F.objectNode().put("id", id);
    ArrayNode list = o.putArray("apps");
    at.values().forEach(list::add);
    o.putArray("groups");
    o.put("version", version);
    return o;
  }

  private Response create(Request r, String parent) {
    JsonNode body = ApiContext.body(r);
    if (!body.isObject()) {
      throw BerthException.invalid("Invalid JSON", List.of(BerthException.Detail.of("/", "error.expected.jsobject")));
    }
    String id = body.hasNonNull("id") ? PathId.resolve(parent, body.get("id").asText()) : parent;
    ClusterImage image = ctx.image();
    if (groupIds(image).contains(id) && !id.equals("/") || image.apps().apps().containsKey(id)) {
      throw BerthException.conflict("Group " + id + " is already created. Use PUT to change this group.");
    }
    return structural(r, id, body, 201, true);
  }

  private Response update(Request r, String id) {
    JsonNode body = ApiContext.body(r);
    if (!body.isObject()) {
      throw BerthException.invalid("Invalid JSON", List.of(BerthException.Detail.of("/", "error.expected.jsobject")));
    }
    ClusterImage image = ctx.image();
    boolean structuralBody = body.has("apps") || body.has("groups") || body.has("pods");
    if (structuralBody) {
      return structural(r, id, body, 200, false);
    }
    for (String special : List.of("version", "scaleBy")) {
      if (body.has(special) && body.size() > 1) {
        throw BerthException.invalid("Object is not valid", List.of(BerthException.Detail.of("/",
            special + " not allowed in conjunction with other properties.")));
      }
    }
    String deploymentId = ctx.ids().next();
    if (body.has("scaleBy")) {
      double factor = body.get("scaleBy").asDouble(-1);
      if (!body.get("scaleBy").isNumber() || factor < 0) {
        throw BerthException.invalid("Object is not valid", List.of(BerthException.Detail.of("/scaleBy", "must be a number of 0 or more")));
      }
      requireGroup(image, id);
      RootEdit.Result result = ctx.write(img -> {
        Map<String, ObjectNode> scaled = new LinkedHashMap<>();
        img.apps().apps().forEach((appId, app) -> {
          if (PathId.isWithin(appId, id)) {
            ObjectNode copy = ((ObjectNode) app).deepCopy();
            copy.put("instances", (int) Math.ceil(app.path("instances").asInt() * factor - 1e-9));
            scaled.put(appId, copy);
          }
        });
        return RootEdit.apps(scaled).apply(img, ctx.clock().instant(), deploymentId, ApiContext.flag(r, "force", false));
      });
      return ApiContext.deploymentResult(200, deploymentId, result.version());
    }
    if (body.has("version")) {
      requireGroup(image, id);
      Map<String, JsonNode> at = appsAt(image, id, body.get("version").asText());
      Map<String, ObjectNode> put = new LinkedHashMap<>();
      at.forEach((k, v) -> {
        ObjectNode copy = ((ObjectNode) v).deepCopy();
        copy.remove(List.of("version", "versionInfo"));
        put.put(k, copy);
      });
      Set<String> remove = new HashSet<>();
      image.apps().apps().keySet().stream().filter(a -> PathId.isWithin(a, id) && !at.containsKey(a)).forEach(remove::add);
      RootEdit.Result result = ctx.write(img -> new RootEdit(put, remove, Map.of(), Set.of(), Set.of())
          .apply(img, ctx.clock().instant(), deploymentId, ApiContext.flag(r, "force", false)));
      return ApiContext.deploymentResult(200, deploymentId, result.version());
    }
    return structural(r, id, body, 200, false);
  }

  /** Create or update a group from a GroupUpdate body; {@code apps}/{@code groups} present replace the sets. */
  private Response structural(Request r, String id, JsonNode body, int status, boolean created) {
    ClusterImage image = ctx.image();
    Map<String, ObjectNode> put = new LinkedHashMap<>();
    Set<String> removeApps = new LinkedHashSet<>();
    Map<String, StoredGroup> groups = new LinkedHashMap<>();
    Set<String> removeGroups = new LinkedHashSet<>();
    String version = io.berth.marathon.events.Timestamps.format(ctx.clock().instant());
    new GroupUpdate(image, apps).collect(id, body, "", put, removeApps, groups, removeGroups, version);
    RootEdit edit = new RootEdit(put, removeApps, groups, removeGroups, Set.of());
    String deploymentId = ctx.ids().next();
    if (ApiContext.flag(r, "dryRun", false)) {
      StoredDeployment plan = edit.apply(image, ctx.clock().instant(), deploymentId, true).result().plan();
      return Response.ok(F.objectNode().set("steps", DeploymentJson.steps(plan.steps())));
    }
    RootEdit.Result result = ctx.write(img -> edit.apply(img, ctx.clock().instant(), deploymentId, ApiContext.flag(r, "force", false)));
    Response.JsonBody out = (Response.JsonBody) ApiContext.deploymentResult(status, deploymentId, result.version());
    return created ? new Response.JsonBody(201, out.body(), Map.of("Location", id, "Marathon-Deployment-Id", deploymentId)) : out;
  }

  private Response delete(Request r, String id) {
    ClusterImage image = ctx.image();
    requireGroup(image, id);
    Set<String> removeApps = new LinkedHashSet<>();
    Set<String> removeGroups = new LinkedHashSet<>();
    GroupUpdate.removeSubtree(image, id, removeApps, removeGroups);
    removeGroups.remove("/");
    String deploymentId = ctx.ids().next();
    RootEdit.Result result = ctx.write(img -> new RootEdit(Map.of(), removeApps, Map.of(), removeGroups, Set.of())
        .apply(img, ctx.clock().instant(), deploymentId, ApiContext.flag(r, "force", false)));
    return ApiContext.deploymentResult(200, deploymentId, result.version());
  }
}

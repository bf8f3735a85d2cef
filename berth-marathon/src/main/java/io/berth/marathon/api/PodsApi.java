package io.berth.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.BerthException;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.marathon.events.Timestamps;
import io.berth.marathon.deploy.PodPlanner;
import io.berth.marathon.model.PathId;
import io.berth.marathon.model.PodRules;
import io.berth.marathon.model.PodSpec;
import io.berth.marathon.scheduler.Instance;
import io.berth.marathon.scheduler.MarathonScheduler;
import io.berth.marathon.scheduler.PodInstances;
import io.berth.state.apps.StoredDeployment;
import io.berth.state.image.ClusterImage;
import java.util.LinkedHashMap;
import io.berth.state.StateWriter;
import io.berth.state.apps.AppsRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v2/pods}: pod definitions are validated, normalised and stored with a deployment ({@link PodPlanner}) that
 * the scheduler carries out (instances are task groups, see {@code PodTasks}); {@code ::status} shows the instances,
 * {@code ::instances} kills them (they are replaced while the pod still wants them).
 */
final class PodsApi {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String NAME = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
  private static final String ENV = "^[a-zA-Z_][a-zA-Z0-9_]*$";
  private static final String INSTANCES = "::instances";
  private static final String VERSIONS = "::versions";
  private final ApiContext ctx;

  PodsApi(ApiContext ctx) {
    this.ctx = ctx;
  }

  Response list(Request r) {
    ArrayNode out = F.arrayNode();
    ctx.image().apps().pods().values().forEach(out::add);
    return Response.ok(out);
  }

  Response dispatch(Request r, String rest) {
    String path = "/" + rest.replaceAll("/+", "/").replaceAll("^/|/$", "");
    int killAt = path.indexOf(INSTANCES);
    if (killAt >= 0) {
      return instances(r, PathId.resolve("/", path.substring(0, killAt)), path.substring(killAt + INSTANCES.length()));
    }
    int versionsAt = path.indexOf(VERSIONS);
    if (versionsAt >= 0) {
      return versions(r, PathId.resolve("/", path.substring(0, versionsAt)),
          path.substring(versionsAt + VERSIONS.length()).replaceFirst("^/", ""));
    }
    boolean status = path.endsWith("::status");
    String id = PathId.resolve("/", status ? path.substring(0, path.length() - "::status".length()) : path);
    return switch (r.method()) {
      case GET, HEAD -> {
        if (status && id.equals("/")) {
          ArrayNode all = F.arrayNode();
          ctx.image().apps().pods().values().forEach(p -> all.add(status(p)));
          yield Response.ok(all);
        }
        JsonNode pod = find(id);
        yield Response.ok(status ? status(pod) : pod);
      }
      case PUT -> put(r, id, false);
      case DELETE -> delete(r, id);
      default -> throw new BerthException(io.berth.common.error.ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed");
    };
  }

  /** {@code GET ::versions} (the stored versions, newest first) or {@code GET ::versions/<version>} (that definition). */
  private Response versions(Request r, String podId, String version) {
    if (r.method() != io.berth.http.Method.GET && r.method() != io.berth.http.Method.HEAD) {
      throw new BerthException(io.berth.common.error.ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed");
    }
    find(podId);
    List<JsonNode> stored = new ArrayList<>(ctx.image().apps().appVersions().getOrDefault(podId, List.of()));
    if (version.isEmpty()) {
      ArrayNode out = F.arrayNode();
      stored.reversed().forEach(v -> out.add(v.path("version").asText()));
      return Response.ok(out);
    }
    return stored.stream().filter(v -> v.path("version").asText().equals(version)).findFirst().map(Response::ok)
        .orElseThrow(() -> BerthException.notFound("Pod '" + podId + "' does not exist in version " + version));
  }

  private JsonNode find(String id) {
    JsonNode pod = ctx.image().apps().pods().get(id);
    if (pod == null) {
      throw BerthException.notFound("Pod '" + id + "' does not exist");
    }
    return pod;
  }

  private List<Instance> instancesOf(String id) {
    return PodInstances.byPod(ctx.image(), MarathonScheduler.FRAMEWORK_ID).getOrDefault(id, List.of());
  }

  private ObjectNode status(JsonNode pod) {
    return PodStatusJson.status(pod, instancesOf(pod.path("id").asText()), ctx.image());
  }

  /** {@code DELETE ::instances/<id>} (one, answers its status) or {@code DELETE ::instances} (a list in the body). */
  private Response instances(Request r, String podId, String rest) {
    if (r.method() != io.berth.http.Method.DELETE) {
      throw new BerthException(io.berth.common.error.ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed");
    }
    JsonNode pod = find(podId);
    boolean single = !rest.isEmpty();
    List<String> ids = new ArrayList<>();
    if (single) {
      ids.add(rest.replaceFirst("^/", ""));
    } else {
      JsonNode body = ApiContext.body(r);
      if (!body.isArray() || body.isEmpty()) {
        throw BerthException.invalid("Invalid JSON", List.of(BerthException.Detail.of("/", "error.expected.jsarray")));
      }
      for (JsonNode id : body) {
        if (!id.isTextual()) {
          throw BerthException.invalid("Invalid JSON", List.of(BerthException.Detail.of("/", "error.expected.jsstring")));
        }
        ids.add(id.asText());
      }
    }
    PodSpec spec = PodSpec.of(pod);
    Map<String, Instance> live = new LinkedHashMap<>();
    instancesOf(podId).stream().filter(Instance::active).forEach(i -> live.put(i.id(), i));
    for (String id : ids) {
      if (!live.containsKey(id)) {
        throw BerthException.notFound("Instance '" + id + "' of pod '" + podId + "' does not exist");
      }
    }
    ctx.scheduler().killPodInstances(podId, ids);
    ArrayNode killed = F.arrayNode();
    ids.forEach(id -> killed.add(PodStatusJson.instance(live.get(id), spec, ctx.image())));
    return Response.ok(single ? killed.get(0) : killed);
  }

  Response create(Request r) {
    JsonNode body = ApiContext.body(r);
    String id = body.isObject() && body.hasNonNull("id") ? PathId.resolve("/", body.get("id").asText()) : "";
    return put(r, id, true);
  }

  private Response put(Request r, String pathId, boolean create) {
    JsonNode body = ApiContext.body(r);
    ObjectNode pod = normalise(body, pathId);
    String id = pod.path("id").asText();
    String deploymentId = ctx.ids().next();
    boolean force = ApiContext.flag(r, "force", false);
    boolean existed = ctx.write(img -> {
      boolean exists = img.apps().pods().containsKey(id);
      if (create && exists) {
        throw BerthException.conflict("Pod " + id + " already exists");
      }
      if (img.apps().apps().containsKey(id) || img.apps().groups().containsKey(id)) {
        throw BerthException.invalid("Groups and Applications may not have the same identifier.");
      }
      JsonNode before = img.apps().pods().get(id);
      StoredDeployment plan = PodPlanner.plan(deploymentId, pod.path("version").asText(), id, before, pod,
          ctx.clock().instant());
      return StateWriter.Write.of(exists, new AppsRecord.RootChanged(null, null, Map.of(id, pod), null, null, null,
          conflicts(img, id, plan, force), plan.steps().isEmpty() ? null : plan, ctx.clock().instant()));
    });
    ctx.events().publish(ctx.events().payload(existed ? "pod_updated_event" : "pod_created_event")
        .put("clientIp", r.remoteAddress()).put("uri", r.path()));
    int code = existed ? 200 : 201;
    return new Response.JsonBody(code, pod, existed ? Map.of("Marathon-Deployment-Id", deploymentId)
        : Map.of("Marathon-Deployment-Id", deploymentId, "Location", id));
  }

  /** Running deployments of this pod: cancelled by a forced change, else the change is refused (409). */
  private static List<String> conflicts(ClusterImage img, String id, StoredDeployment plan, boolean force) {
    List<String> running = img.apps().deployments().values().stream().filter(d -> d.affects(id))
        .map(StoredDeployment::id).toList();
    if (!running.isEmpty() && !plan.steps().isEmpty() && !force) {
      throw new LockedException(running);
    }
    return plan.steps().isEmpty() ? List.of() : running;
  }

  private Response delete(Request r, String id) {
    find(id);
    String deploymentId = ctx.ids().next();
    boolean force = ApiContext.flag(r, "force", false);
    ctx.write(img -> {
      JsonNode before = img.apps().pods().get(id);
      if (before == null) {
        throw BerthException.notFound("Pod '" + id + "' does not exist");
      }
      StoredDeployment plan = PodPlanner.plan(deploymentId, Timestamps.format(ctx.clock().instant()), id, before, null,
          ctx.clock().instant());
      return StateWriter.Write.of(true, new AppsRecord.RootChanged(null, null, null, List.of(id), null, null,
          conflicts(img, id, plan, force), plan, ctx.clock().instant()));
    });
    ctx.events().publish(ctx.events().payload("pod_deleted_event").put("uri", "/v2/pods" + id));
    return new Response.JsonBody(202, F.objectNode(), Map.of("Marathon-Deployment-Id", deploymentId));
  }

  /** Validates a pod body and fills Marathon's defaults; 422 with paths when invalid. */
  private ObjectNode normalise(JsonNode body, String pathId) {
    List<BerthException.Detail> errors = new ArrayList<>();
    if (!body.isObject()) {
      throw BerthException.invalid("Invalid JSON", List.of(BerthException.Detail.of("/", "error.expected.jsobject")));
    }
    ObjectNode pod = ((ObjectNode) body).deepCopy();
    String id = pathId.isEmpty() ? "" : pathId;
    if (id.isEmpty()) {
      errors.add(BerthException.Detail.of("/id", "error.path.missing"));
    } else {
      PathId.validateRunSpecId(id).ifPresent(e -> errors.add(BerthException.Detail.of("/id", e)));
      pod.put("id", id);
    }
    JsonNode containers = pod.path("containers");
    if (!containers.isArray() || containers.isEmpty()) {
      errors.add(BerthException.Detail.of("/containers", "must not be empty"));
    }
    Set<String> names = new HashSet<>();
    int i = 0;
    for (JsonNode c : containers) {
      String path = "/containers(" + i++ + ")";
      String name = c.path("name").asText("");
      if (!name.matches(NAME)) {
        errors.add(BerthException.Detail.of(path + "/name", "must fully match regular expression '" + NAME + "'"));
      } else if (!names.add(name)) {
        errors.add(BerthException.Detail.of("/containers", "container names are not unique"));
      }
      for (String r : List.of("cpus", "mem", "disk", "gpus")) {
        if (c.path("resources").path(r).asDouble(0) < 0) {
          errors.add(BerthException.Detail.of(path + "/resources/" + r, "must be 0 or more"));
        }
      }
      c.path("environment").fieldNames().forEachRemaining(k -> {
        if (!k.matches(ENV)) {
          errors.add(BerthException.Detail.of(path + "/environment/" + k, "must fully match regular expression '" + ENV + "'"));
        }
      });
    }
    pod.path("environment").fieldNames().forEachRemaining(k -> {
      if (!k.matches(ENV)) {
        errors.add(BerthException.Detail.of("/environment/" + k, "must fully match regular expression '" + ENV + "'"));
      }
    });
    PodRules.check(pod, errors);
    if (pod.path("scaling").path("instances").asInt(1) < 0) {
      errors.add(BerthException.Detail.of("/scaling/instances", "must be 0 or more"));
    }
    if (!errors.isEmpty()) {
      throw BerthException.invalid("Object is not valid", errors);
    }
    if (!pod.has("scaling")) {
      pod.putObject("scaling").put("kind", "fixed").put("instances", 1);
    }
    if (!pod.has("networks")) {
      pod.putArray("networks").addObject().put("mode", "host");
    }
    pod.put("version", Timestamps.format(ctx.clock().instant()));
    return pod;
  }
}

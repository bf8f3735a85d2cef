package io.berth.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.BerthException;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.marathon.events.Timestamps;
import io.berth.marathon.model.PathId;
import io.berth.state.StateWriter;
import io.berth.state.apps.AppsRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v2/pods}: pod definitions are validated, normalised, stored and served (create, list, get, replace,
 * delete, {@code ::status}). Pods are not launched yet: their status shows no instances.
 */
final class PodsApi {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String NAME = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
  private static final String ENV = "^[a-zA-Z_][a-zA-Z0-9_]*$";
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
      case DELETE -> delete(id);
      default -> throw new BerthException(io.berth.common.error.ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed");
    };
  }

  private JsonNode find(String id) {
    JsonNode pod = ctx.image().apps().pods().get(id);
    if (pod == null) {
      throw BerthException.notFound("Pod '" + id + "' does not exist");
    }
    return pod;
  }

  private ObjectNode status(JsonNode pod) {
    ObjectNode s = F.objectNode().put("id", pod.path("id").asText());
    s.set("spec", pod);
    s.put("status", pod.path("scaling").path("instances").asInt(1) == 0 ? "STABLE" : "DEGRADED");
    s.put("statusSince", pod.path("version").asText()).putArray("instances");
    s.putArray("terminationHistory");
    s.put("lastUpdated", pod.path("version").asText()).put("lastChanged", pod.path("version").asText());
    return s;
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
    boolean existed = ctx.write(img -> {
      boolean exists = img.apps().pods().containsKey(id);
      if (create && exists) {
        throw BerthException.conflict("Pod " + id + " already exists");
      }
      if (img.apps().apps().containsKey(id) || img.apps().groups().containsKey(id)) {
        throw BerthException.invalid("Groups and Applications may not have the same identifier.");
      }
      return StateWriter.Write.of(exists, new AppsRecord.RootChanged(null, null, Map.of(id, pod), null, null, null, null,
          null, ctx.clock().instant()));
    });
    ctx.events().publish(ctx.events().payload(existed ? "pod_updated_event" : "pod_created_event")
        .put("clientIp", r.remoteAddress()).put("uri", r.path()));
    int code = existed ? 200 : 201;
    return new Response.JsonBody(code, pod, existed ? Map.of("Marathon-Deployment-Id", deploymentId)
        : Map.of("Marathon-Deployment-Id", deploymentId, "Location", id));
  }

  private Response delete(String id) {
    find(id);
    String deploymentId = ctx.ids().next();
    ctx.write(img -> {
      if (!img.apps().pods().containsKey(id)) {
        throw BerthException.notFound("Pod '" + id + "' does not exist");
      }
      return StateWriter.Write.of(true, new AppsRecord.RootChanged(null, null, null, List.of(id), null, null, null, null,
          ctx.clock().instant()));
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

package io.berth.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.BerthException;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.marathon.deploy.DeploymentJson;
import io.berth.state.StateWriter;
import io.berth.state.apps.AppsRecord;
import io.berth.state.apps.StoredDeployment;
import io.berth.state.image.ClusterImage;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /v2/deployments}: the running deployments, and cancelling one with or without rollback (§3.7). */
final class DeploymentsApi {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final ApiContext ctx;

  DeploymentsApi(ApiContext ctx) {
    this.ctx = ctx;
  }

  Response list(Request r) {
    ClusterImage image = ctx.image();
    ArrayNode out = F.arrayNode();
    image.apps().deployments().values().forEach(d -> out.add(DeploymentJson.info(d, ctx.scheduler().view().readiness())));
    return Response.ok(out);
  }

  Response delete(Request r) {
    String id = r.pathParam("id");
    ClusterImage image = ctx.image();
    StoredDeployment d = image.apps().deployments().get(id);
    if (d == null) {
      throw BerthException.notFound("DeploymentPlan " + id + " does not exist");
    }
    if (ApiContext.flag(r, "force", false)) {
      ctx.write(img -> {
        if (!img.apps().deployments().containsKey(id)) {
          throw BerthException.notFound("DeploymentPlan " + id + " does not exist");
        }
        return StateWriter.Write.of(true, new AppsRecord.RootChanged(null, null, null, null, null, null, List.of(id), null,
            ctx.clock().instant()));
      });
      return Response.empty(202);
    }
    String deploymentId = ctx.ids().next();
    if (!d.affectedPods().isEmpty()) {
      return rollbackPod(id, deploymentId);
    }
    RootEdit.Result result = ctx.write(img -> {
      StoredDeployment cur = img.apps().deployments().get(id);
      if (cur == null) {
        throw BerthException.notFound("DeploymentPlan " + id + " does not exist");
      }
      Map<String, ObjectNode> put = new LinkedHashMap<>();
      Set<String> remove = new LinkedHashSet<>();
      for (String app : cur.affectedApps()) {
        JsonNode original = cur.original().get(app);
        if (original != null) {
          ObjectNode copy = ((ObjectNode) original).deepCopy();
          copy.remove(List.of("version", "versionInfo"));
          put.put(app, copy);
        } else if (img.apps().apps().containsKey(app)) {
          remove.add(app);
        }
      }
      return new RootEdit(put, remove, Map.of(), Set.of(), Set.of()).apply(img, ctx.clock().instant(), deploymentId, true);
    });
    return ApiContext.deploymentResult(200, deploymentId, result.version());
  }

  /**
   * Rolls a pod's deployment back: the pod's definition before it (or no pod, if it created it) becomes the target,
   * with a new plan; the rolled back deployment is cancelled.
   */
  private Response rollbackPod(String id, String deploymentId) {
    java.time.Instant now = ctx.clock().instant();
    String version = io.berth.marathon.events.Timestamps.format(now);
    ctx.write(img -> {
      StoredDeployment cur = img.apps().deployments().get(id);
      if (cur == null) {
        throw BerthException.notFound("DeploymentPlan " + id + " does not exist");
      }
      String podId = cur.affectedPods().getFirst();
      JsonNode current = img.apps().pods().get(podId);
      JsonNode original = cur.original().get(podId);
      ObjectNode target = original == null ? null : ((ObjectNode) original.deepCopy()).put("version", version);
      StoredDeployment plan = io.berth.marathon.deploy.PodPlanner.plan(deploymentId, version, podId, current, target, now);
      return StateWriter.Write.of(true, new AppsRecord.RootChanged(null, null, target == null ? null : Map.of(podId, target),
          target == null && current != null ? List.of(podId) : null, null, null, List.of(id),
          plan.steps().isEmpty() ? null : plan, now));
    });
    return ApiContext.deploymentResult(200, deploymentId, version);
  }
}

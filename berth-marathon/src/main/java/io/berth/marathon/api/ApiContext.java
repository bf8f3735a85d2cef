package io.berth.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.common.id.IdGenerator;
import io.berth.common.json.Json;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.marathon.MarathonConfig;
import io.berth.marathon.events.EventBus;
import io.berth.marathon.scheduler.Instance;
import io.berth.marathon.scheduler.MarathonScheduler;
import io.berth.state.StatePublisher;
import io.berth.state.StateWriter;
import io.berth.state.image.ClusterImage;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/** What the API handlers share: state, scheduler, events, clock and ids, the writer of the current term. */
public record ApiContext(MarathonConfig config, StatePublisher publisher, MarathonScheduler scheduler, EventBus events,
    InstantSource clock, IdGenerator ids, Supplier<Optional<StateWriter>> writer, Supplier<Optional<String>> leader,
    Supplier<Optional<Runnable>> abdicate) {

  ClusterImage image() {
    return publisher.current();
  }

  Map<String, List<Instance>> instances(ClusterImage image) {
    return Instance.byApp(image, MarathonScheduler.FRAMEWORK_ID);
  }

  /** Runs a state command through the leader's loop and waits for it to be durable. */
  <T> T write(Function<ClusterImage, StateWriter.Write<T>> command) {
    StateWriter w = writer.get().orElseThrow(() -> new BerthException(ErrorCode.NOT_LEADER,
        "This master is not the Marathon leader" + leader.get().map(l -> "; the leader is " + l).orElse("")));
    T result = await(w.write(command));
    if (result instanceof RootEdit.Result r) {
      for (io.berth.state.apps.StoredDeployment d : r.cancelled()) {
        // as Marathon on a cancelled deployment: its step fails, then the deployment, then its group change
        ObjectNode step = events.payload("deployment_step_failure");
        step.set("plan", io.berth.marathon.deploy.DeploymentJson.plan(d));
        step.set("currentStep", io.berth.marathon.deploy.DeploymentJson.currentStep(d));
        events.publish(step);
        ObjectNode e = events.payload("deployment_failed").put("id", d.id()).put("reason", "cancelled by a forced change");
        e.set("plan", io.berth.marathon.deploy.DeploymentJson.plan(d));
        events.publish(e);
        events.publish(events.payload("group_change_failed").put("groupId", "/").put("version", d.version())
            .put("reason", "deployment " + d.id() + " was cancelled by a forced change"));
      }
      r.apps().forEach((id, app) -> app.path("healthChecks").forEach(h -> {
        ObjectNode e = events.payload("add_health_check_event").put("appId", id).put("version", r.version());
        e.set("healthCheck", h);
        events.publish(e);
      }));
      r.removed().forEach(id -> events.publish(events.payload("remove_health_check_event").put("appId", id)));
      events.publish(events.payload("group_change_success").put("groupId", "/").put("version", r.version()));
    }
    return result;
  }

  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof BerthException b) {
        throw b;
      }
      throw new BerthException(ErrorCode.INTERNAL, "Internal error: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new BerthException(ErrorCode.UNAVAILABLE, "The state store did not answer in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BerthException(ErrorCode.UNAVAILABLE, "interrupted");
    }
  }

  /** The JSON body; an explicit non-JSON content type is 415 (thrown as a response by {@link #unsupported}). */
  static JsonNode body(Request r) {
    String type = r.header("content-type").orElse("application/json").toLowerCase(java.util.Locale.ROOT);
    if (!type.contains("json") && !type.contains("*/*")) {
      throw new UnsupportedMedia(type);
    }
    if (r.body().length == 0) {
      throw BerthException.badRequest("Invalid JSON: empty body");
    }
    return Json.tree(r.body());
  }

  /** A 415 answer for a non-JSON content type. */
  static final class UnsupportedMedia extends RuntimeException {
    UnsupportedMedia(String type) {
      super("Unsupported Media Type: " + type);
    }
  }

  static boolean flag(Request r, String name, boolean dflt) {
    return r.query(name).map(v -> v.isEmpty() || Boolean.parseBoolean(v.strip())).orElse(dflt);
  }

  static Response deploymentResult(int status, String deploymentId, String version) {
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("deploymentId", deploymentId).put("version", version);
    return new Response.JsonBody(status, body, Map.of("Marathon-Deployment-Id", deploymentId));
  }

  static ObjectNode message(String message) {
    return JsonNodeFactory.instance.objectNode().put("message", message);
  }
}

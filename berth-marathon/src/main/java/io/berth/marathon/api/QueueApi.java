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
import io.berth.marathon.scheduler.SchedulerView;
import io.berth.state.StateWriter;
import io.berth.state.apps.AppsRecord;
import io.berth.state.apps.LaunchDelay;
import io.berth.state.image.ClusterImage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code /v2/queue}: apps with instances waiting to launch, their backoff delay and offer statistics (§3.9). */
final class QueueApi {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final ApiContext ctx;

  QueueApi(ApiContext ctx) {
    this.ctx = ctx;
  }

  Response list(Request r) {
    ClusterImage image = ctx.image();
    Instant now = ctx.clock().instant();
    ArrayNode queue = F.arrayNode();
    for (SchedulerView.QueueEntry e : ctx.scheduler().view().queue().values()) {
      JsonNode app = image.apps().apps().get(e.appId());
      JsonNode pod = image.apps().pods().get(e.appId());
      if (app == null && pod == null) {
        continue;
      }
      ObjectNode item = queue.addObject();
      item.set(app != null ? "app" : "pod", app != null ? app : pod);
      item.put("count", e.count()).put("role", "*");
      LaunchDelay d = image.apps().delays().get(e.appId());
      String configVersion = app != null ? app.path("versionInfo").path("lastConfigChangeAt").asText()
          : io.berth.marathon.model.PodSpec.of(pod).configVersion();
      boolean backingOff = d != null && d.configVersion().equals(configVersion) && now.isBefore(d.until());
      long left = backingOff ? (long) Math.ceil(Duration.between(now, d.until()).toMillis() / 1000.0) : 0;
      item.putObject("delay").put("timeLeftSeconds", left).put("overdue", !backingOff);
      item.put("since", Timestamps.format(e.since()));
      SchedulerView.OfferStats s = e.stats();
      ObjectNode summary = item.putObject("processedOffersSummary").put("processedOffersCount", s.processed())
          .put("unusedOffersCount", s.unused()).put("lastUnusedOfferAt", Timestamps.format(s.lastUnusedAt()))
          .put("lastUsedOfferAt", Timestamps.format(s.lastUsedAt()));
      ArrayNode reasons = summary.putArray("rejectSummaryLastOffers");
      for (Map.Entry<String, Integer> reason : s.declined().entrySet()) {
        reasons.addObject().put("reason", reason.getKey()).put("declined", reason.getValue()).put("processed", s.processed());
      }
      summary.putArray("rejectSummaryLaunchAttempt");
      if (r.query().getOrDefault("embed", List.of()).contains("lastUnusedOffers")) {
        item.putArray("lastUnusedOffers");
      }
    }
    return Response.ok(F.objectNode().set("queue", queue));
  }

  Response resetDelay(Request r, String rest) {
    String path = rest.replaceAll("/+$", "");
    if (!path.endsWith("/delay") && !path.equals("delay")) {
      throw BerthException.notFound("No such endpoint: " + r.path());
    }
    String appId = PathId.resolve("/", path.substring(0, path.length() - "delay".length()));
    SchedulerView.QueueEntry entry = ctx.scheduler().view().queue().get(appId);
    if (entry == null && !ctx.image().apps().delays().containsKey(appId)) {
      throw BerthException.notFound("Application " + appId + " not found in tasks queue.");
    }
    ctx.write(img -> StateWriter.Write.of(true, new AppsRecord.LaunchDelayReset(appId)));
    return Response.empty(204);
  }
}

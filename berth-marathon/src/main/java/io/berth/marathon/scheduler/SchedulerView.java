package io.berth.marathon.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the scheduler knows beyond the cluster image, as an immutable snapshot for the API: health results and
 * health per task, instances waiting per app (the queue) with offer statistics, last task failures, readiness
 * results per deployment.
 */
public record SchedulerView(
    Map<String, List<ObjectNode>> healthResults,
    Map<String, Boolean> healthy,
    Map<String, QueueEntry> queue,
    Map<String, ObjectNode> lastTaskFailure,
    Map<String, List<ObjectNode>> readiness,
    boolean leading) {

  public static final SchedulerView EMPTY = new SchedulerView(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), false);

  /** One app in the launch queue: instances still to launch, since when, and what offers told. */
  public record QueueEntry(String appId, int count, Instant since, OfferStats stats) {}

  /** Offer statistics of a queued app: processed and unused offers and the reject reasons counted. */
  public record OfferStats(int processed, int unused, Instant lastUnusedAt, Instant lastUsedAt, Map<String, Integer> declined) {}
}

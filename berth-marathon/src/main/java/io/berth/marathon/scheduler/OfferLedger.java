package io.berth.marathon.scheduler;

import io.berth.placement.RejectReason;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts, per queued app, the offers it saw and why they did not fit (for {@code /v2/queue}). Loop-owned. */
final class OfferLedger {
  private final Map<String, SchedulerView.OfferStats> stats = new HashMap<>();

  void used(String appId, Instant at) {
    SchedulerView.OfferStats s = get(appId);
    stats.put(appId, new SchedulerView.OfferStats(s.processed() + 1, s.unused(), s.lastUnusedAt(), at, s.declined()));
  }

  void rejected(String appId, List<RejectReason> reasons, Instant at) {
    SchedulerView.OfferStats s = get(appId);
    Map<String, Integer> declined = new LinkedHashMap<>(s.declined());
    reasons.forEach(r -> declined.merge(r.name(), 1, Integer::sum));
    stats.put(appId, new SchedulerView.OfferStats(s.processed() + 1, s.unused() + 1, at, s.lastUsedAt(), Map.copyOf(declined)));
  }

  SchedulerView.OfferStats get(String appId) {
    return stats.getOrDefault(appId, new SchedulerView.OfferStats(0, 0, null, null, Map.of()));
  }

  void forget(String appId) {
    stats.remove(appId);
  }
}

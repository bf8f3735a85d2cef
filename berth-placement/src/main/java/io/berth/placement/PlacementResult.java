package io.berth.placement;

import io.berth.api.cluster.Resources;
import java.util.List;
import java.util.Map;

/** The answer of {@link Placement#place}: an agent with concrete resources, or why every candidate was rejected. */
public sealed interface PlacementResult {
  /** Place the instance on {@code agentId} using exactly {@code resources}; {@code ports} in the demand's order. */
  record Placed(String agentId, Resources resources, List<Long> ports) implements PlacementResult {
    public Placed {
      ports = List.copyOf(ports);
    }
  }

  /** No candidate fits; the reasons per agent id (in candidate order). */
  record Rejected(Map<String, List<RejectReason>> reasons) implements PlacementResult {
    public Rejected {
      reasons = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(reasons));
    }
  }
}

package io.berth.framework;

import io.berth.api.cluster.FaultDomain;
import io.berth.api.cluster.Resources;
import java.util.Map;

/** Resources of one agent offered to one framework until it accepts, declines, or the master rescinds them. */
public record Offer(
    String id,
    String frameworkId,
    String agentId,
    String hostname,
    String agentUrl,
    Resources resources,
    Map<String, String> attributes,
    FaultDomain domain) {

  public Offer {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }
}

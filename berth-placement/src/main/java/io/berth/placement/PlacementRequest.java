package io.berth.placement;

import java.util.List;

/**
 * One instance to place: what it needs, its constraints, and the agents of the instances of the same app (or
 * job) that already exist (one entry per instance, repeated agents included), against which constraints count.
 */
public record PlacementRequest(Demand demand, List<Constraint> constraints, List<AgentFacts> existing) {
  public PlacementRequest {
    constraints = List.copyOf(constraints);
    existing = List.copyOf(existing);
  }

  /** The same request after one more instance was placed on {@code agent}. */
  public PlacementRequest placedOn(AgentFacts agent) {
    List<AgentFacts> more = new java.util.ArrayList<>(existing);
    more.add(agent);
    return new PlacementRequest(demand, constraints, more);
  }
}

package io.berth.placement;

import io.berth.api.cluster.Resources;

/** An agent that might take an instance, with the resources it has free for it (an offer, or free capacity). */
public record Candidate(AgentFacts agent, Resources free) {
  public String agentId() {
    return agent.agentId();
  }
}

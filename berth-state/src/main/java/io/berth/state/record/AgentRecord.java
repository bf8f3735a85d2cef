package io.berth.state.record;

import io.berth.api.cluster.AgentInfo;
import java.time.Instant;

/** Changes to the set of agents. */
public sealed interface AgentRecord extends ChangeRecord {
  String agentId();

  /** A new agent joined the cluster. */
  record Registered(AgentInfo agent, Instant at) implements AgentRecord {
    public String agentId() {
      return agent.id();
    }
  }

  /** A known agent registered again (restart, master failover, or back from unreachable). */
  record Reregistered(AgentInfo agent, Instant at) implements AgentRecord {
    public String agentId() {
      return agent.id();
    }
  }

  /** The agent stopped answering heartbeats. */
  record Unreachable(String agentId, Instant at) implements AgentRecord {}

  /** The agent was unreachable too long, or was removed by an operator. */
  record Removed(String agentId, Instant at) implements AgentRecord {}
}

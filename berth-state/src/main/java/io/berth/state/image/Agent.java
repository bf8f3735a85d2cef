package io.berth.state.image;

import io.berth.api.cluster.AgentInfo;
import java.time.Instant;

/** An agent as the cluster state knows it. {@code unreachableAt} is set while it is unreachable. */
public record Agent(AgentInfo info, Instant registeredAt, Instant reregisteredAt, Instant unreachableAt) {
  public String id() {
    return info.id();
  }

  public boolean reachable() {
    return unreachableAt == null;
  }
}

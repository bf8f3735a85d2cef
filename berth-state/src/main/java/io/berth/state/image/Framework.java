package io.berth.state.image;

import io.berth.api.cluster.FrameworkInfo;
import java.time.Instant;

/** A framework as the cluster state knows it; {@code removedAt} is set once it is completed. */
public record Framework(FrameworkInfo info, Instant registeredAt, Instant reregisteredAt, Instant removedAt) {
  public String id() {
    return info.id();
  }
}

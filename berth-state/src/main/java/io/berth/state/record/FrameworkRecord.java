package io.berth.state.record;

import io.berth.api.cluster.FrameworkInfo;
import java.time.Instant;

/** Changes to the set of frameworks. */
public sealed interface FrameworkRecord extends ChangeRecord {
  String frameworkId();

  /** A framework subscribed for the first time, or again with possibly changed info. */
  record Registered(FrameworkInfo framework, Instant at) implements FrameworkRecord {
    public String frameworkId() {
      return framework.id();
    }
  }

  /** A framework tore itself down or stayed away longer than its failover timeout. */
  record Removed(String frameworkId, Instant at) implements FrameworkRecord {}
}

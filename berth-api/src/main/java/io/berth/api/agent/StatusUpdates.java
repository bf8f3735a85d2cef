package io.berth.api.agent;

import io.berth.api.cluster.TaskStatus;
import java.util.List;

/** Status updates from an agent, in order per task. */
public record StatusUpdates(List<TaskStatus> updates) {
  public StatusUpdates {
    updates = updates == null ? List.of() : List.copyOf(updates);
  }
}

package io.berth.framework;

import io.berth.api.cluster.TaskInfo;
import java.util.List;

/** What a framework does with accepted offers. */
public sealed interface Operation {
  /** Launch tasks on the offers' agent; their resources must fit into the offers. */
  record Launch(List<TaskInfo> tasks) implements Operation {
    public Launch {
      tasks = List.copyOf(tasks);
    }
  }
}

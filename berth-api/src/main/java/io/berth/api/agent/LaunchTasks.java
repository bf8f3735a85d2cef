package io.berth.api.agent;

import io.berth.api.cluster.FrameworkInfo;
import io.berth.api.cluster.TaskInfo;
import java.util.List;

/** The master asks an agent to launch tasks of one framework. */
public record LaunchTasks(FrameworkInfo framework, List<TaskInfo> tasks) {
  public LaunchTasks {
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
  }
}

package io.berth.api.agent;

import io.berth.api.cluster.AgentInfo;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import java.util.List;

/** An agent (re-)registers: its id is null the first time. {@code tasks} are the tasks it still knows. */
public record RegisterAgent(AgentInfo agent, List<RunningTask> tasks) {
  public RegisterAgent {
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
  }

  /** A task the agent knows, with its latest state as the agent sees it. */
  public record RunningTask(TaskInfo task, TaskState state) {}
}

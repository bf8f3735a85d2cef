package io.berth.state.image;

import io.berth.state.apps.AppsImage;
import io.berth.state.iam.IamImage;
import io.berth.state.jobs.JobsImage;
import io.berth.state.record.AgentRecord;
import io.berth.state.record.ChangeRecord;
import io.berth.state.record.FrameworkRecord;
import io.berth.state.record.IamRecord;
import io.berth.state.record.MarathonRecord;
import io.berth.state.record.MetronomeRecord;
import io.berth.state.record.TaskRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies change records to a copy of an image. Records that refer to things that do not exist are ignored:
 * commands validate before they emit records, so this only happens for records made stale by an earlier
 * record of the same batch (a task status after its agent's removal), and ignoring them is the right reading.
 */
final class ImageBuilder {
  private final Map<String, Agent> agents;
  private final Map<String, Framework> frameworks;
  private final List<Framework> completedFrameworks;
  private final Map<String, Task> tasks;
  private AppsImage apps;
  private JobsImage jobs;
  private IamImage iam;

  ImageBuilder(ClusterImage base) {
    agents = new LinkedHashMap<>(base.agents());
    frameworks = new LinkedHashMap<>(base.frameworks());
    completedFrameworks = new ArrayList<>(base.completedFrameworks());
    tasks = new LinkedHashMap<>(base.tasks());
    apps = base.apps();
    jobs = base.jobs();
    iam = base.iam();
  }

  void apply(ChangeRecord record) {
    switch (record) {
      case AgentRecord r -> applyAgent(r);
      case FrameworkRecord r -> applyFramework(r);
      case TaskRecord r -> applyTask(r);
      case MarathonRecord r -> apps = apps.apply(r);
      case MetronomeRecord r -> jobs = jobs.apply(r);
      case IamRecord r -> iam = iam.apply(r);
    }
  }

  private void applyAgent(AgentRecord record) {
    switch (record) {
      case AgentRecord.Registered r -> agents.put(r.agentId(), new Agent(r.agent(), r.at(), null, null));
      case AgentRecord.Reregistered r -> {
        Agent old = agents.get(r.agentId());
        agents.put(r.agentId(), new Agent(r.agent(), old == null ? r.at() : old.registeredAt(), r.at(), null));
      }
      case AgentRecord.Unreachable r -> agents.computeIfPresent(r.agentId(),
          (id, a) -> new Agent(a.info(), a.registeredAt(), a.reregisteredAt(), r.at()));
      case AgentRecord.Removed r -> agents.remove(r.agentId());
    }
  }

  private void applyFramework(FrameworkRecord record) {
    switch (record) {
      case FrameworkRecord.Registered r -> {
        Framework old = frameworks.get(r.frameworkId());
        frameworks.put(r.frameworkId(), old == null
            ? new Framework(r.framework(), r.at(), null, null)
            : new Framework(r.framework(), old.registeredAt(), r.at(), null));
      }
      case FrameworkRecord.Removed r -> {
        Framework old = frameworks.remove(r.frameworkId());
        if (old != null) {
          completedFrameworks.add(new Framework(old.info(), old.registeredAt(), old.reregisteredAt(), r.at()));
          while (completedFrameworks.size() > ClusterImage.MAX_COMPLETED_FRAMEWORKS) {
            completedFrameworks.removeFirst();
          }
          tasks.values().removeIf(t -> r.frameworkId().equals(t.info().frameworkId()));
        }
      }
    }
  }

  private void applyTask(TaskRecord record) {
    switch (record) {
      // The first status (TASK_STAGING) is never sent to the framework, so it counts as acknowledged.
      case TaskRecord.Launched r -> tasks.put(r.taskId(), new Task(r.task(), List.of(r.status()), r.status().uuid()));
      case TaskRecord.StatusUpdated r -> {
        Task old = tasks.get(r.taskId());
        if (old != null) {
          tasks.put(r.taskId(), old.withStatus(r.status()));
        }
      }
      case TaskRecord.StatusAcknowledged r -> {
        Task old = tasks.get(r.taskId());
        if (old != null) {
          Task acked = old.withAcknowledged(r.uuid());
          tasks.put(r.taskId(), acked);
          if (acked.terminal() && acked.acknowledged()) {
            pruneCompleted(acked.info().frameworkId());
          }
        }
      }
    }
  }

  /** Keeps the newest completed tasks of a framework, dropping the oldest beyond the limit. */
  private void pruneCompleted(String frameworkId) {
    List<Task> completed = tasks.values().stream()
        .filter(t -> frameworkId.equals(t.info().frameworkId()) && t.terminal() && t.acknowledged())
        .sorted(Comparator.comparing((Task t) -> t.latest().timestamp()).thenComparing(Task::id))
        .toList();
    int excess = completed.size() - ClusterImage.MAX_COMPLETED_TASKS_PER_FRAMEWORK;
    for (int i = 0; i < excess; i++) {
      tasks.remove(completed.get(i).id());
    }
  }

  ClusterImage build(long offset) {
    return new ClusterImage(offset, agents, frameworks, completedFrameworks, tasks, apps, jobs, iam);
  }
}

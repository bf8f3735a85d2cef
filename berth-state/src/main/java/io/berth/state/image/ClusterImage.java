package io.berth.state.image;

import io.berth.api.cluster.Resources;
import io.berth.state.apps.AppsImage;
import io.berth.state.iam.IamImage;
import io.berth.state.jobs.JobsImage;
import io.berth.state.record.ChangeRecord;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of the cluster state after the record batch at {@code offset} (0 = nothing committed):
 * the Mesos-level state (agents, frameworks, tasks) and the images of the services built on it.
 * Maps keep the order in which things were added, so two masters that replay the same records get equal images.
 */
public record ClusterImage(
    long offset,
    Map<String, Agent> agents,
    Map<String, Framework> frameworks,
    List<Framework> completedFrameworks,
    Map<String, Task> tasks,
    AppsImage apps,
    JobsImage jobs,
    IamImage iam) {

  /** Completed (terminal and acknowledged) tasks kept per framework, as Mesos' max_completed_tasks_per_framework. */
  public static final int MAX_COMPLETED_TASKS_PER_FRAMEWORK = 1000;
  public static final int MAX_COMPLETED_FRAMEWORKS = 50;

  public static final ClusterImage EMPTY = new ClusterImage(0, Map.of(), Map.of(), List.of(), Map.of(), AppsImage.EMPTY,
      JobsImage.EMPTY, IamImage.EMPTY);

  public ClusterImage {
    agents = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(agents));
    frameworks = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(frameworks));
    completedFrameworks = List.copyOf(completedFrameworks);
    tasks = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tasks));
    apps = apps == null ? AppsImage.EMPTY : apps;
    jobs = jobs == null ? JobsImage.EMPTY : jobs;
    iam = iam == null ? IamImage.EMPTY : iam;
  }

  /** The image after applying one committed batch of records. Pure: no clock, no I/O. */
  public ClusterImage apply(long newOffset, List<? extends ChangeRecord> records) {
    ImageBuilder builder = new ImageBuilder(this);
    records.forEach(builder::apply);
    return builder.build(newOffset);
  }

  public Optional<Agent> agent(String id) {
    return Optional.ofNullable(agents.get(id));
  }

  public Optional<Framework> framework(String id) {
    return Optional.ofNullable(frameworks.get(id));
  }

  public Optional<Task> task(String id) {
    return Optional.ofNullable(tasks.get(id));
  }

  public List<Task> tasksOnAgent(String agentId) {
    return tasks.values().stream().filter(t -> agentId.equals(t.info().agentId())).toList();
  }

  /** Resources held by non-terminal tasks (and the executors of their task groups), per agent id. */
  public Map<String, Resources> usedByAgent() {
    return used(t -> t.info().agentId());
  }

  /** Resources held by non-terminal tasks, per framework id. */
  public Map<String, Resources> usedByFramework() {
    return used(t -> t.info().frameworkId());
  }

  private Map<String, Resources> used(java.util.function.Function<Task, String> key) {
    Map<String, Resources> used = new java.util.HashMap<>();
    java.util.Set<String> executors = new java.util.HashSet<>();
    for (Task task : tasks.values()) {
      if (!task.terminal()) {
        used.merge(key.apply(task), task.info().resources(), Resources::plus);
        // a task group's executor holds its own resources once, while any task of the group has not ended
        if (task.info().group() != null && executors.add(task.info().group().executorId())) {
          used.merge(key.apply(task), task.info().group().executorResources(), Resources::plus);
        }
      }
    }
    return used;
  }

  public List<Task> tasksOfFramework(String frameworkId) {
    return tasks.values().stream().filter(t -> frameworkId.equals(t.info().frameworkId())).toList();
  }
}

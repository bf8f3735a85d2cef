package io.berth.agent.task;

import io.berth.agent.EventLoop;
import io.berth.agent.checkpoint.Checkpoint;
import io.berth.agent.checkpoint.CheckpointedTask;
import io.berth.agent.runtime.ContainerRuntime;
import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.ExitStatus;
import io.berth.api.agent.RegisterAgent;
import io.berth.api.cluster.FrameworkInfo;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.api.cluster.TaskStatus.Reason;
import io.berth.api.cluster.TaskStatus.Source;
import io.berth.common.error.BerthException;
import io.berth.common.id.IdGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the agent's tasks: one container per task (a task group's tasks share their executor's sandbox and
 * volumes, and a failed or killed task of a group ends its siblings: {@link TaskGroups}), the task's state machine (STAGING → STARTING → RUNNING →
 * FINISHED / FAILED / KILLING → KILLED), and a status update for every transition, checkpointed before it is
 * published. Owns its state on the agent's {@link EventLoop}: every public method runs there; runtime calls run
 * on virtual threads and report back to the loop.
 */
public final class TaskRunner {
  private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

  /** Set by {@link #killAll()}: the agent is stopping and refuses launches from then on. */
  private boolean stopping;
  private final EventLoop loop;
  private final ContainerRuntime runtime;
  private final Containers containers;
  private final Checkpoint checkpoint;
  private final Sandboxes sandboxes;
  private final TaskEnvironment environment;
  private final StatusPublisher publisher;
  private final InstantSource clock;
  private final IdGenerator ids;
  private final String hostname;

  private final TaskTable tasks;
  private final Set<String> launching = new HashSet<>();
  private final TaskKiller killer;
  private final List<CompletableFuture<Void>> allEnded = new ArrayList<>();
  private final HealthChecks healthChecks;
  private final java.util.Map<String, java.util.Map<String, String>> healthEnv = new java.util.HashMap<>();

  /** What the agent's state endpoint shows: tasks it runs (or still reports) and recently completed ones. */
  public record Snapshot(List<CheckpointedTask> active, List<CheckpointedTask> completed) {}

  public TaskRunner(EventLoop loop, ContainerRuntime runtime, Checkpoint checkpoint, Sandboxes sandboxes,
      TaskEnvironment environment, StatusPublisher publisher, InstantSource clock, IdGenerator ids,
      Duration defaultKillGrace, String hostname) {
    this.loop = loop;
    this.runtime = runtime;
    this.containers = new Containers(loop, runtime);
    this.checkpoint = checkpoint;
    this.tasks = new TaskTable(checkpoint);
    this.sandboxes = sandboxes;
    this.environment = environment;
    this.publisher = publisher;
    this.clock = clock;
    this.ids = ids;
    this.killer = new TaskKiller(loop, tasks, containers, defaultKillGrace);
    this.hostname = hostname;
    this.healthChecks = new HealthChecks(loop, clock, environment.agentIp(), runtime, tasks::get, new HealthChecks.Listener() {
      @Override
      public void healthChanged(String taskId, boolean healthy) {
        emitHealth(taskId, healthy);
      }

      @Override
      public void unhealthy(String taskId, String why) {
        log.info("task {} is unhealthy, killing it: {}", taskId, why);
        kill(taskId, null);
      }
    });
  }

  /** Re-attaches to the checkpointed tasks and removes orphan containers; call once, before anything else. */
  public void recover() {
    new TaskRecovery(this, tasks, runtime, checkpoint).run();
  }

  /**
   * Launches tasks (already validated by {@link LaunchValidation}). A task that already runs here with the same
   * definition is a retried launch and is left alone; another definition under a known id is a 409.
   */
  public void launch(FrameworkInfo framework, List<TaskInfo> requested) {
    if (stopping) {
      throw BerthException.unavailable("This agent is stopping all its tasks and takes no new ones");
    }
    String agentId = checkpoint.agentId();
    if (agentId == null) {
      throw BerthException.unavailable("This agent is not registered with a master yet");
    }
    List<TaskInfo> fresh = new ArrayList<>();
    for (TaskInfo t : requested) {
      TaskInfo task = new TaskInfo(t.id(), t.name() == null ? t.id() : t.name(), framework.id(), agentId,
          t.resources(), t.command(), t.portNames(), t.labels(), t.killGracePeriodSeconds(), t.healthCheck(), t.group());
      CheckpointedTask existing = tasks.get(task.id());
      if (existing == null) {
        fresh.add(task);
      } else if (!existing.task().equals(task)) {
        throw BerthException.conflict("Task '" + task.id() + "' already exists on this agent (" + existing.state()
            + ") with a different definition");
      }
    }
    fresh.forEach(task -> start(framework, task, agentId));
  }

  private void start(FrameworkInfo framework, TaskInfo info, String agentId) {
    // a container the runtime has prepared starts sooner; on disk with TASK_STARTING below
    String containerId = runtime.takePreparedId().orElseGet(ids::next);
    CheckpointedTask task = CheckpointedTask.staged(info, framework, containerId);
    TaskGroups.Layout layout;
    try {
      layout = TaskGroups.create(sandboxes, info, ids.next());
    } catch (RuntimeException e) {
      terminate(task, TaskState.TASK_FAILED, Reason.REASON_CONTAINER_LAUNCH_FAILED,
          "Cannot create the sandbox: " + e.getMessage(), Source.SOURCE_AGENT, null);
      return;
    }
    Path sandbox = layout.sandbox();
    ContainerSpec spec = new ContainerSpec(task.containerId(), sandbox, TaskEnvironment.argv(info.command()),
        environment.of(info, agentId, sandbox),
        new ContainerSpec.Limits(info.resources().cpus(), info.resources().mem(), ContainerSpec.Limits.DEFAULT_PIDS),
        hostname, layout.mounts());
    String id = info.id();
    String cid = task.containerId();
    launching.add(id);
    if (info.healthCheck() != null) {
      healthEnv.put(id, spec.env());
    }
    List<io.berth.api.cluster.CommandInfo.FetchUri> uris = info.command() == null ? List.of() : info.command().uris();
    // The container starts (on an I/O thread) while TASK_STARTING and the task (naming its container) are
    // checkpointed here (TASK_STARTING is sent with TASK_RUNNING, or after StatusUpdateSender.HOLD). An agent
    // killed before that checkpoint finds an orphan container at recovery and discards it, and the master launches
    // the task again (it is STAGING there, unknown to the agent); one killed after it finds the container by its
    // task (running: reported RUNNING; half-started: discarded, the task FAILED).
    // started/startFailed run on this loop, so after this method: STARTING always precedes RUNNING.
    containers.start(spec, () -> Fetcher.fetch(uris, sandbox), () -> started(id, cid), e -> startFailed(id, cid, e));
    log.info("starting task {} in container {}", id, cid); // once the start is under way
    emit(task, TaskState.TASK_STARTING, null, null, Source.SOURCE_EXECUTOR, null);
  }

  private void started(String id, String cid) {
    launching.remove(id);
    CheckpointedTask task = tasks.current(id, cid);
    if (task == null) {
      discardContainer(cid); // forgotten while starting (the agent was removed)
      return;
    }
    if (!task.killRequested()) {
      task = emit(task, TaskState.TASK_RUNNING, null, null, Source.SOURCE_EXECUTOR, null);
    }
    watch(task);
    if (task.killRequested()) {
      sendTerm(task);
    } else {
      healthChecks.watch(task, healthEnv.remove(id));
    }
  }

  /** A running task's health changed (agent-side health check): TASK_RUNNING again, with {@code healthy}. */
  private void emitHealth(String id, boolean healthy) {
    CheckpointedTask task = tasks.get(id);
    if (task == null || task.state() != TaskState.TASK_RUNNING) {
      return;
    }
    TaskStatus status = new TaskStatus(task.id(), task.frameworkId(), checkpoint.agentId(), TaskState.TASK_RUNNING,
        Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED, Source.SOURCE_EXECUTOR, healthy ? "healthy" : "unhealthy",
        clock.instant(), ids.next(), healthy, task.containerId(), null);
    tasks.save(task.withStatus(status));
    publisher.publishRepeatable(status); // the health checks run again after a restart
  }

  private void startFailed(String id, String cid, RuntimeException error) {
    launching.remove(id);
    healthEnv.remove(id);
    CheckpointedTask task = tasks.current(id, cid);
    if (task == null || task.isTerminal()) {
      return;
    }
    log.warn("task {}: container {} did not start: {}", id, cid, error.getMessage());
    if (task.killRequested()) {
      terminate(task, TaskState.TASK_KILLED, Reason.REASON_TASK_KILLED_DURING_LAUNCH,
          "Task killed while its container was starting (" + error.getMessage() + ")", Source.SOURCE_AGENT, null);
    } else {
      terminate(task, TaskState.TASK_FAILED, Reason.REASON_CONTAINER_LAUNCH_FAILED,
          "Failed to launch the container: " + error.getMessage(), Source.SOURCE_AGENT, null);
    }
  }

  /** Waits for the task's container to exit; the exit is handled on the loop. */
  void watch(CheckpointedTask task) {
    String id = task.id();
    String cid = task.containerId();
    containers.watch(cid, (status, error) -> exited(id, cid, status, error));
  }

  void exited(String id, String cid, ExitStatus status, Throwable error) {
    CheckpointedTask task = tasks.current(id, cid);
    if (task == null || task.isTerminal()) {
      return;
    }
    if (error != null) {
      terminate(task, TaskState.TASK_FAILED, Reason.REASON_EXECUTOR_TERMINATED,
          "Lost track of the container: " + error.getMessage(), Source.SOURCE_AGENT, null);
      return;
    }
    TaskStatuses.Outcome outcome = TaskStatuses.ofExit(status, task.killRequested(), task.task().resources());
    log.info("task {} ended: {} ({})", id, outcome.state(), outcome.message());
    terminate(task, outcome.state(), outcome.reason(), outcome.message(), Source.SOURCE_EXECUTOR, outcome.exitCode());
  }

  /**
   * Kills a task: TASK_KILLING, SIGTERM, then SIGKILL after the grace period (the request's, else the task's,
   * else the agent default). Unknown task → 404; a task that has ended or is being killed: nothing to do.
   */
  public void kill(String id, Double graceSeconds) {
    CheckpointedTask task = tasks.get(id);
    if (task == null && tasks.recentlyCompleted(id)) {
      return; // it has already ended
    }
    if (task == null) {
      throw BerthException.notFound("Task '" + id + "' is not known on this agent");
    }
    if (task.isTerminal() || task.killRequested()) {
      return;
    }
    double grace = killer.graceSeconds(task, graceSeconds);
    log.info("killing task {} (grace {} s)", id, grace);
    task = emit(task.withKillRequested(grace), TaskState.TASK_KILLING, null, null, Source.SOURCE_EXECUTOR, null);
    if (!launching.contains(id)) {
      sendTerm(task);
    }
  }

  /** SIGTERM now, SIGKILL after the task's grace period. */
  void sendTerm(CheckpointedTask task) {
    killer.terminate(task);
  }

  /**
   * Kills every task that has not ended (as kill requests with each task's grace period would); the future
   * completes once none is left running.
   */
  public CompletableFuture<Void> killAll() {
    stopping = true; // a framework replacing the killed tasks must not get them launched here again
    tasks.all().stream().filter(t -> !t.isTerminal()).forEach(t -> kill(t.id(), null));
    CompletableFuture<Void> ended = new CompletableFuture<>();
    allEnded.add(ended);
    checkAllEnded();
    return ended;
  }

  private void checkAllEnded() {
    if (!allEnded.isEmpty() && tasks.all().stream().allMatch(CheckpointedTask::isTerminal)) {
      allEnded.forEach(f -> f.complete(null));
      allEnded.clear();
    }
  }

  /** The tasks to report when (re-)registering: everything not yet forgotten, with its latest state. */
  public List<RegisterAgent.RunningTask> known() {
    return tasks.all().stream().map(t -> new RegisterAgent.RunningTask(t.task(), t.state())).toList();
  }

  /** The master committed these updates: ended tasks with nothing left to report become completed. */
  public void updatesAcknowledged(List<TaskStatus> acknowledged) {
    acknowledged.stream().map(TaskStatus::taskId).distinct().forEach(id -> {
      CheckpointedTask task = tasks.get(id);
      if (task != null && task.isTerminal() && !checkpoint.updates().hasPending(id)) {
        tasks.complete(task);
      }
    });
  }

  /** The agent was removed from the cluster: kill every container and forget all tasks and pending updates. */
  public void forgetAll() {
    log.warn("forgetting {} tasks: this agent was removed from the cluster", tasks.size());
    killer.cancelAll();
    tasks.all().forEach(t -> {
      if (t.isTerminal()) {
        removeContainer(t.containerId());
      } else {
        discardContainer(t.containerId());
      }
    });
    tasks.clear();
    launching.clear();
    checkpoint.updates().clear();
    checkAllEnded();
  }

  public Snapshot snapshot() {
    return tasks.snapshot();
  }

  // ---- shared with TaskRecovery ----

  CheckpointedTask emit(CheckpointedTask task, TaskState state, Reason reason, String message, Source source,
      Integer exitCode) {
    TaskStatus status = new TaskStatus(task.id(), task.frameworkId(), checkpoint.agentId(), state, reason, source,
        message, clock.instant(), ids.next(), null, task.containerId(), exitCode);
    CheckpointedTask updated = task.withStatus(status);
    if (state == TaskState.TASK_KILLING) { // the kill must survive a crash before anyone hears of it
      tasks.save(updated);
      publisher.publish(status);
    } else {
      if (state == TaskState.TASK_STARTING) { // TASK_RUNNING usually follows soon: one message for both
        publisher.publishHeld(status);
      } else { // recovery makes these again from what is on disk (the task as it was, the container, its exit)
        publisher.publishRepeatable(status);
      }
      tasks.save(updated);
    }
    if (state.isTerminal()) {
      killer.ended(task.id());
      for (CheckpointedTask sibling : TaskGroups.siblingsToKill(updated, state, tasks.all())) {
        log.info("task {} of group {} ended {}: killing {}", task.id(), task.task().executorId(), state, sibling.id());
        kill(sibling.id(), null);
      }
      checkAllEnded();
    }
    return updated;
  }

  /** Records a terminal status, then removes the container (its exit is now recorded). */
  void terminate(CheckpointedTask task, TaskState state, Reason reason, String message, Source source,
      Integer exitCode) {
    emit(task, state, reason, message, source, exitCode);
    removeContainer(task.containerId());
  }

  void removeContainer(String cid) {
    containers.remove(cid);
  }

  void discardContainer(String cid) {
    containers.discard(cid);
  }
}

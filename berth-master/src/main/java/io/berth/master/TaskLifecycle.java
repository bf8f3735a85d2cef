package io.berth.master;

import io.berth.api.agent.KillTask;
import io.berth.api.agent.LaunchTasks;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.client.ApiException;
import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.common.error.Failures;
import io.berth.framework.Offer;
import io.berth.framework.Operation;
import io.berth.framework.SchedulerCall;
import io.berth.framework.SchedulerEvent;
import io.berth.state.image.Agent;
import io.berth.state.image.ClusterImage;
import io.berth.state.image.Framework;
import io.berth.state.image.Task;
import io.berth.state.record.TaskRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tasks from launch to their end: accepting offers, status updates from agents and their delivery to frameworks
 * (resent until acknowledged), kills and reconciliation.
 */
final class TaskLifecycle {
  private static final Logger log = LoggerFactory.getLogger(TaskLifecycle.class);

  private final Term term;
  private final Runnable requestAllocation;

  TaskLifecycle(Term term, Runnable requestAllocation) {
    this.term = term;
    this.requestAllocation = requestAllocation;
  }

  // ---- launch ----

  void accept(String frameworkId, SchedulerCall.Accept accept) {
    List<Offer> offers = new ArrayList<>();
    String problem = null;
    for (String offerId : accept.offerIds()) {
      Offer offer = term.offers().get(offerId).orElse(null);
      if (offer == null || !offer.frameworkId().equals(frameworkId)) {
        problem = "Offer " + offerId + " is no longer valid";
      } else if (!offers.isEmpty() && !offers.getFirst().agentId().equals(offer.agentId())) {
        problem = "Offers of different agents cannot be accepted together";
      } else {
        offers.add(offer);
      }
    }
    offers.forEach(o -> term.offers().remove(o.id()));
    List<List<TaskInfo>> units = LaunchUnits.of(accept.operations());
    if (problem != null || offers.isEmpty()) {
      String why = problem != null ? problem : "No offers given";
      units.stream().flatMap(List::stream).forEach(t ->
          sendUnstored(frameworkId, t.id(), null, TaskState.TASK_DROPPED, TaskStatus.Reason.REASON_INVALID_OFFERS, why));
      requestAllocation.run();
      return;
    }
    Offer first = offers.getFirst();
    Resources remaining = offers.stream().map(Offer::resources).reduce(Resources.NONE, Resources::plus);
    List<TaskInfo> launched = new ArrayList<>();
    // the image before this accept: what it records adds only the tasks in `launched`, and reading the loop's image
    // after each record would rebuild it once per task
    ClusterImage before = term.loop().image();
    for (List<TaskInfo> unit : units) {
      List<TaskInfo> tasks = unit.stream().map(t -> t.placed(frameworkId, first.agentId())).toList();
      String invalid = LaunchUnits.groupProblem(tasks, units, before);
      Resources needed = tasks.getFirst().group() == null ? Resources.NONE : tasks.getFirst().group().executorResources();
      List<TaskInfo> sameBatch = new ArrayList<>(launched);
      for (TaskInfo task : tasks) {
        if (invalid == null) {
          invalid = validate(task, sameBatch, before);
        }
        sameBatch.add(task);
        needed = needed.plus(task.resources());
      }
      if (invalid == null && !remaining.contains(needed)) {
        invalid = (tasks.size() == 1 && tasks.getFirst().group() == null ? "Task " + tasks.getFirst().id()
            : "Task group " + tasks.getFirst().executorId()) + " uses more resources (" + needed + ") than offered ("
            + remaining + ")";
      }
      if (invalid != null) {
        for (TaskInfo task : tasks) {
          sendUnstored(frameworkId, task.id(), first.agentId(), TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID,
              invalid);
        }
        continue;
      }
      remaining = remaining.minus(needed);
      for (TaskInfo task : tasks) {
        launched.add(task);
        TaskStatus staging = new TaskStatus(task.id(), frameworkId, first.agentId(), TaskState.TASK_STAGING, null,
            TaskStatus.Source.SOURCE_MASTER, null, term.clock().instant(), term.ids().next(), null, null, null);
        term.loop().record(new TaskRecord.Launched(task, staging));
      }
    }
    term.offers().refuse(frameworkId, first.agentId(), remaining, accept.filters().refuseSeconds(), term.now());
    if (!launched.isEmpty()) {
      Framework framework = before.framework(frameworkId).orElseThrow();
      Agent agent = before.agent(first.agentId()).orElseThrow();
      // sent while the launch is committed: should the commit fail, this term ends and the next leader kills the
      // task the agent reports but the state does not know (fromAgent); ACCEPT is still answered after the commit
      term.loop().beforeCommit(() -> sendLaunch(agent, new LaunchTasks(framework.info(), launched)));
    }
    requestAllocation.run();
  }

  private String validate(TaskInfo task, List<TaskInfo> sameBatch, ClusterImage image) {
    if (task.id() == null || task.id().isBlank() || task.id().contains("/") || task.id().equals("..")
        || task.id().equals(".")) {
      return "Task id '" + task.id() + "' is invalid: it must be non-empty and contain no '/'";
    }
    if (sameBatch.stream().anyMatch(t -> t.id().equals(task.id()))
        || image.task(task.id()).filter(t -> !t.terminal()).isPresent()) {
      return "Task " + task.id() + " already exists";
    }
    if (task.command() == null || (task.command().value() == null || task.command().value().isBlank())) {
      return "Task " + task.id() + " needs a command";
    }
    try {
      task.resources().validated("task " + task.id());
    } catch (BerthException e) {
      return e.getMessage();
    }
    if (task.resources().cpus() <= 0 && task.resources().mem() <= 0) {
      return "Task " + task.id() + " uses no cpus and no mem";
    }
    return null;
  }

  /**
   * Sends a launch from the loop without waiting for the agent: the request is written before the round's commit
   * starts and without a thread hand-off (both are on the launch's path). If the agent refuses it or cannot be
   * reached, the tasks that are still STAGING are dropped.
   */
  private void sendLaunch(Agent agent, LaunchTasks launch) {
    CompletableFuture<Void> sent;
    try {
      sent = term.agentClient().launchAsync(agent.info().url(), launch);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete((ok, error) -> {
      if (error != null) {
        dropLaunch(agent, launch, Failures.unwrap(error));
      }
    });
  }

  private void dropLaunch(Agent agent, LaunchTasks launch, Throwable e) {
    log.warn("launching {} tasks on agent {} failed: {}", launch.tasks().size(), agent.id(), e.toString());
    term.loop().execute(() -> {
      for (TaskInfo t : launch.tasks()) {
        term.loop().image().task(t.id()).filter(task -> task.state() == TaskState.TASK_STAGING).ifPresent(task ->
            recordAndForward(term.masterStatus(task, TaskState.TASK_DROPPED, TaskStatus.Reason.REASON_SLAVE_DISCONNECTED,
                "Agent " + agent.id() + " could not be reached to launch the task: " + e.getMessage())));
      }
    });
  }

  // ---- status updates ----

  /** Takes status updates from an agent; returns the uuids that are now safe (committed, or not needed). */
  List<String> fromAgent(String agentId, List<TaskStatus> updates) {
    Agent agent = term.loop().agent(agentId)
        .orElseThrow(() -> BerthException.notFound("Unknown agent " + agentId + "; register first"));
    List<String> acknowledged = new ArrayList<>();
    for (TaskStatus update : updates) {
      if (update.uuid() == null || update.taskId() == null || update.state() == null) {
        throw BerthException.badRequest("Every update needs 'taskId', 'state' and 'uuid'");
      }
      acknowledged.add(update.uuid());
      Task task = term.loop().task(update.taskId()).orElse(null);
      if (task == null || task.terminal() || !agentId.equals(task.info().agentId())) {
        if (!update.state().isTerminal()) {
          log.info("agent {} reports task {} that is unknown or finished here: killing it", agentId, update.taskId());
          term.loop().afterCommit(() -> Term.io(() -> killOn(agent, update.taskId(), null)));
        }
        continue;
      }
      if (task.statuses().stream().anyMatch(s -> update.uuid().equals(s.uuid()))) {
        continue;
      }
      TaskStatus status = new TaskStatus(update.taskId(), task.info().frameworkId(), agentId, update.state(),
          update.reason(), update.source(), update.message(),
          update.timestamp() == null ? term.clock().instant() : update.timestamp(), update.uuid(), update.healthy(),
          update.containerId(), update.exitCode());
      recordAndForward(status);
      if (status.state().isTerminal()) {
        requestAllocation.run();
      }
    }
    return acknowledged;
  }

  /**
   * Records a status and forwards it to its framework while the record is committed: the framework may see it a
   * few milliseconds before the image does (its acknowledgement is handled after the commit), and should the commit
   * fail, the agent, which is acknowledged only after the commit, sends it again to the next leader.
   */
  void recordAndForward(TaskStatus status) {
    term.loop().record(new TaskRecord.StatusUpdated(status));
    term.loop().beforeCommit(() -> forward(status));
  }

  void forward(TaskStatus status) {
    term.sessions().send(status.frameworkId(), new SchedulerEvent.Update(status), term.now());
  }

  /** An update that is not stored: about a task that never existed here (invalid launch, reconciliation). */
  private void sendUnstored(String frameworkId, String taskId, String agentId, TaskState state, TaskStatus.Reason reason,
      String message) {
    TaskStatus status = new TaskStatus(taskId, frameworkId, agentId, state, reason, TaskStatus.Source.SOURCE_MASTER,
        message, term.clock().instant(), null, null, null, null);
    term.loop().afterCommit(() -> forward(status));
  }

  void acknowledge(String frameworkId, SchedulerCall.Acknowledge ack) {
    term.loop().task(ack.taskId())
        .filter(t -> frameworkId.equals(t.info().frameworkId()))
        .filter(t -> ack.uuid().equals(t.latest().uuid()) && !t.acknowledged())
        .ifPresent(t -> term.loop().record(new TaskRecord.StatusAcknowledged(t.id(), ack.uuid())));
  }

  /** Sends again the latest status of each of the framework's tasks that it has not acknowledged. */
  void resendUnacknowledged(String frameworkId) {
    for (Task task : term.loop().image().tasksOfFramework(frameworkId)) {
      if (!task.acknowledged()) {
        forward(task.latest());
      }
    }
  }

  void reconcile(String frameworkId, SchedulerCall.Reconcile reconcile) {
    ClusterImage image = term.loop().image();
    if (reconcile.tasks().isEmpty()) {
      image.tasksOfFramework(frameworkId).stream().filter(t -> !t.terminal())
          .forEach(t -> term.loop().afterCommit(() -> forward(reconciled(t.latest()))));
      return;
    }
    for (SchedulerCall.TaskRef ref : reconcile.tasks()) {
      Task task = image.task(ref.taskId()).filter(t -> frameworkId.equals(t.info().frameworkId())).orElse(null);
      if (task == null) {
        sendUnstored(frameworkId, ref.taskId(), ref.agentId(), TaskState.TASK_LOST, TaskStatus.Reason.REASON_RECONCILIATION,
            "Task is unknown to the master");
      } else {
        term.loop().afterCommit(() -> forward(reconciled(task.latest())));
      }
    }
  }

  private static TaskStatus reconciled(TaskStatus s) {
    return new TaskStatus(s.taskId(), s.frameworkId(), s.agentId(), s.state(), TaskStatus.Reason.REASON_RECONCILIATION,
        TaskStatus.Source.SOURCE_MASTER, s.message(), s.timestamp(), null, s.healthy(), s.containerId(), s.exitCode());
  }

  // ---- kill ----

  void kill(String frameworkId, SchedulerCall.Kill kill) {
    Task task = term.loop().image().task(kill.taskId()).filter(t -> frameworkId.equals(t.info().frameworkId())).orElse(null);
    if (task == null) {
      sendUnstored(frameworkId, kill.taskId(), kill.agentId(), TaskState.TASK_LOST, TaskStatus.Reason.REASON_RECONCILIATION,
          "Cannot kill task " + kill.taskId() + ": it is unknown to the master");
      return;
    }
    if (task.terminal()) {
      term.loop().afterCommit(() -> forward(reconciled(task.latest())));
      return;
    }
    Agent agent = term.loop().image().agent(task.info().agentId()).orElse(null);
    if (agent == null || !agent.reachable()) {
      log.info("kill of {} waits: its agent {} is unreachable", task.id(), task.info().agentId());
      return;
    }
    term.loop().afterCommit(() -> Term.io(() -> killOn(agent, task.id(), kill.gracePeriodSeconds())));
  }

  private void killOn(Agent agent, String taskId, Double grace) {
    try {
      term.agentClient().kill(agent.info().url(), new KillTask(taskId, grace));
    } catch (ApiException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        term.loop().execute(() -> term.loop().image().task(taskId).filter(t -> !t.terminal()).ifPresent(t ->
            recordAndForward(term.masterStatus(t, TaskState.TASK_LOST, TaskStatus.Reason.REASON_RECONCILIATION,
                "Task is unknown to agent " + agent.id()))));
      } else {
        log.warn("killing {} on agent {} failed: {}", taskId, agent.id(), e.toString());
      }
    } catch (RuntimeException e) {
      log.warn("killing {} on agent {} failed: {}", taskId, agent.id(), e.toString());
    }
  }

  /** Kills every non-terminal task of a framework that is going away. */
  void killAll(String frameworkId) {
    ClusterImage image = term.loop().image();
    for (Task task : image.tasksOfFramework(frameworkId)) {
      if (!task.terminal()) {
        image.agent(task.info().agentId()).filter(Agent::reachable)
            .ifPresent(agent -> term.loop().afterCommit(() -> Term.io(() -> killOn(agent, task.id(), null))));
      }
    }
  }
}

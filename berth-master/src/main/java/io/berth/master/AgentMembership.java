package io.berth.master;

import io.berth.api.agent.AgentRegistration;
import io.berth.api.agent.KillTask;
import io.berth.api.agent.LaunchTasks;
import io.berth.api.agent.RegisterAgent;
import io.berth.api.cluster.AgentInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.common.error.BerthException;
import io.berth.framework.SchedulerEvent;
import io.berth.state.image.Agent;
import io.berth.state.image.ClusterImage;
import io.berth.state.image.Task;
import io.berth.state.record.AgentRecord;
import io.berth.state.record.TaskRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents joining, re-joining, staying alive and going away. Heartbeats are not records: liveness is the leader's
 * memory of the last heartbeat, and a new leader gives every agent a fresh timeout.
 */
final class AgentMembership {
  private static final Logger log = LoggerFactory.getLogger(AgentMembership.class);

  private final Term term;
  private final Consumer<TaskStatus> forward;
  private final Runnable requestAllocation;
  private final Map<String, Long> lastSeenNanos = new HashMap<>();

  AgentMembership(Term term, Consumer<TaskStatus> forward, Runnable requestAllocation) {
    this.term = term;
    this.forward = forward;
    this.requestAllocation = requestAllocation;
  }

  /** A new leader hears from nobody yet: every known agent gets the full timeout from now. */
  void startTerm(ClusterImage image) {
    image.agents().keySet().forEach(id -> lastSeenNanos.put(id, term.now()));
  }

  AgentRegistration register(RegisterAgent request) {
    AgentInfo info = validate(request.agent());
    ClusterImage image = term.loop().image();
    String id = info.id();
    if (id == null) {
      id = term.ids().next() + "-S0";
      term.loop().record(new AgentRecord.Registered(info.withId(id), term.clock().instant()));
      log.info("agent {} at {} registered", id, info.url());
    } else if (image.agent(id).isPresent()) {
      term.loop().record(new AgentRecord.Reregistered(info, term.clock().instant()));
      reconcile(image.agent(id).get(), info, request.tasks());
      log.info("agent {} at {} re-registered with {} tasks", id, info.url(), request.tasks().size());
    } else {
      throw BerthException.conflict("Agent " + id + " is not part of this cluster (it was removed);"
          + " it must register as a new agent");
    }
    lastSeenNanos.put(id, term.now());
    requestAllocation.run();
    return new AgentRegistration(id, term.config().url(), term.config().agentHeartbeatInterval().toMillis());
  }

  private AgentInfo validate(AgentInfo info) {
    if (info == null) {
      throw BerthException.badRequest("Expecting 'agent' to be present");
    }
    if (info.ip() == null || info.ip().isBlank() || info.port() <= 0 || info.port() > 65535) {
      throw BerthException.invalid("Agent needs an 'ip' and a 'port' between 1 and 65535");
    }
    if (info.resources() == null) {
      throw BerthException.invalid("Agent needs 'resources'");
    }
    info.resources().validated("agent resources");
    return info.hostname() == null || info.hostname().isBlank()
        ? new AgentInfo(info.id(), info.ip(), info.ip(), info.port(), info.resources(), info.attributes(), info.domain(), info.version())
        : info;
  }

  /** Compares what a returning agent runs with what the state says, and mends both sides. */
  private void reconcile(Agent agent, AgentInfo info, List<RegisterAgent.RunningTask> reported) {
    Map<String, TaskState> onAgent = new HashMap<>();
    reported.forEach(r -> onAgent.put(r.task().id(), r.state()));
    ClusterImage image = term.loop().image();
    for (Task task : image.tasksOnAgent(agent.id())) {
      if (task.terminal()) {
        continue;
      }
      TaskState reportedState = onAgent.get(task.id());
      if (reportedState == null && task.state() == TaskState.TASK_STAGING) {
        term.loop().afterCommit(() -> relaunch(task, info));
      } else if (reportedState == null) {
        record(term.masterStatus(task, TaskState.TASK_LOST, TaskStatus.Reason.REASON_RECONCILIATION,
            "Task is unknown to the agent after it re-registered"));
      } else if (task.state() == TaskState.TASK_UNREACHABLE && !reportedState.isTerminal()) {
        record(term.masterStatus(task, reportedState, null, "Agent re-registered"));
      }
    }
    for (RegisterAgent.RunningTask r : reported) {
      boolean known = image.task(r.task().id()).filter(t -> !t.terminal()).isPresent();
      if (!known && !r.state().isTerminal()) {
        log.info("agent {} runs task {} that the cluster does not know any more: killing it", agent.id(), r.task().id());
        term.loop().afterCommit(() -> Term.io(() -> killQuietly(info.url(), r.task().id())));
      }
    }
  }

  private void relaunch(Task task, AgentInfo info) {
    term.loop().image().framework(task.info().frameworkId()).ifPresent(f -> Term.io(() -> {
      try {
        term.agentClient().launch(info.url(), new LaunchTasks(f.info(), List.of(task.info())));
      } catch (RuntimeException e) {
        log.warn("re-sending the launch of {} to {} failed: {}", task.id(), info.url(), e.toString());
      }
    }));
  }

  private void killQuietly(String agentUrl, String taskId) {
    try {
      term.agentClient().kill(agentUrl, new KillTask(taskId, null));
    } catch (RuntimeException e) {
      log.warn("killing stray task {} on {} failed: {}", taskId, agentUrl, e.toString());
    }
  }

  /** A heartbeat; 404 for an agent the state does not know or thinks unreachable, so that it re-registers. */
  void heartbeat(String agentId) {
    Agent agent = term.loop().agent(agentId)
        .orElseThrow(() -> BerthException.notFound("Unknown agent " + agentId + "; register first"));
    if (!agent.reachable()) {
      throw BerthException.notFound("Agent " + agentId + " is marked unreachable; register again");
    }
    lastSeenNanos.put(agentId, term.now());
  }

  /** Marks silent agents unreachable and removes those unreachable for too long. */
  void checkLiveness() {
    ClusterImage image = term.loop().image();
    long now = term.now();
    for (Agent agent : image.agents().values()) {
      if (agent.reachable()) {
        long seen = lastSeenNanos.getOrDefault(agent.id(), now);
        lastSeenNanos.putIfAbsent(agent.id(), now);
        if (now - seen >= term.config().agentUnreachableTimeout().toNanos()) {
          markUnreachable(agent, image);
        }
      } else if (Duration.between(agent.unreachableAt(), term.clock().instant())
          .compareTo(term.config().agentRemovalTimeout()) >= 0) {
        remove(agent, image);
      }
    }
  }

  private void markUnreachable(Agent agent, ClusterImage image) {
    log.warn("agent {} at {} sent no heartbeat for {}: marking it unreachable", agent.id(), agent.info().url(),
        term.config().agentUnreachableTimeout());
    term.loop().record(new AgentRecord.Unreachable(agent.id(), term.clock().instant()));
    for (Task task : image.tasksOnAgent(agent.id())) {
      if (!task.terminal() && task.state() != TaskState.TASK_UNREACHABLE) {
        record(term.masterStatus(task, TaskState.TASK_UNREACHABLE, TaskStatus.Reason.REASON_SLAVE_DISCONNECTED,
            "Agent " + agent.id() + " is unreachable"));
      }
    }
    rescindOffersOn(agent.id());
  }

  private void remove(Agent agent, ClusterImage image) {
    log.warn("agent {} was unreachable for {}: removing it", agent.id(), term.config().agentRemovalTimeout());
    for (Task task : image.tasksOnAgent(agent.id())) {
      if (!task.terminal()) {
        record(term.masterStatus(task, TaskState.TASK_GONE, TaskStatus.Reason.REASON_SLAVE_REMOVED,
            "Agent " + agent.id() + " was removed after being unreachable"));
      }
    }
    term.loop().record(new AgentRecord.Removed(agent.id(), term.clock().instant()));
    lastSeenNanos.remove(agent.id());
    rescindOffersOn(agent.id());
    term.loop().afterCommit(() -> term.sessions().broadcast(new SchedulerEvent.Failure(agent.id()), term.now()));
  }

  private void rescindOffersOn(String agentId) {
    for (var offer : term.offers().removeIf(o -> o.agentId().equals(agentId))) {
      term.sessions().send(offer.frameworkId(), new SchedulerEvent.Rescind(offer.id()), term.now());
    }
  }

  private void record(TaskStatus status) {
    term.loop().record(new TaskRecord.StatusUpdated(status));
    term.loop().afterCommit(() -> forward.accept(status));
  }
}

package io.berth.agent.task;

import io.berth.agent.EventLoop;
import io.berth.agent.checkpoint.CheckpointedTask;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kill sequence of a task's container: SIGTERM, and once it is sent a timer for the grace period; SIGKILL
 * when the timer fires and the task has still not ended. Owned by the event loop.
 */
final class TaskKiller {
  private static final Logger log = LoggerFactory.getLogger(TaskKiller.class);

  private final EventLoop loop;
  private final TaskTable tasks;
  private final Containers containers;
  private final Duration defaultGrace;
  private final Map<String, ScheduledFuture<?>> timers = new HashMap<>();

  TaskKiller(EventLoop loop, TaskTable tasks, Containers containers, Duration defaultGrace) {
    this.loop = loop;
    this.tasks = tasks;
    this.containers = containers;
    this.defaultGrace = defaultGrace;
  }

  /** The grace period: the kill request's, else the task's own (when positive), else the agent default. */
  double graceSeconds(CheckpointedTask task, Double requested) {
    if (requested != null) {
      return requested;
    }
    double own = task.task().killGracePeriodSeconds();
    return own > 0 ? own : defaultGrace.toNanos() / 1e9;
  }

  /** SIGTERM now; SIGKILL after the task's grace period unless its container has exited by then. */
  void terminate(CheckpointedTask task) {
    String id = task.id();
    String cid = task.containerId();
    Duration grace = Duration.ofNanos((long) (task.killGraceSeconds() * TimeUnit.SECONDS.toNanos(1)));
    containers.signal(cid, Containers.SIGTERM, () -> {
      CheckpointedTask current = tasks.current(id, cid);
      if (current != null && !current.isTerminal()) {
        EventLoop.cancel(timers.put(id, loop.schedule(grace, () -> graceExpired(id, cid))));
      }
    });
  }

  private void graceExpired(String id, String cid) {
    timers.remove(id);
    CheckpointedTask task = tasks.current(id, cid);
    if (task != null && !task.isTerminal()) {
      log.info("task {} outlived its kill grace period; sending SIGKILL", id);
      containers.signal(cid, Containers.SIGKILL, () -> {});
    }
  }

  /** The task ended: no SIGKILL for it. */
  void ended(String id) {
    EventLoop.cancel(timers.remove(id));
  }

  void cancelAll() {
    timers.values().forEach(EventLoop::cancel);
    timers.clear();
  }
}

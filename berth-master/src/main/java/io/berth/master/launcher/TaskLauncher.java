package io.berth.master.launcher;

import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.FrameworkInfo;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.common.id.IdGenerator;
import io.berth.framework.Filters;
import io.berth.framework.Offer;
import io.berth.framework.Operation;
import io.berth.framework.SchedulerCall;
import io.berth.framework.SchedulerConnection;
import io.berth.framework.SchedulerEvent;
import io.berth.master.LeaderContext;
import io.berth.master.LeaderService;
import io.berth.state.StatePublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A framework that runs single tasks on request, as Mesos' {@code mesos-execute} does: the tour and the tests use
 * it before Marathon exists. It talks to the master only through the scheduler contract. A request completes once
 * the task is launched (committed as TASK_STAGING) or fails with the reason the master gave.
 */
public final class TaskLauncher implements LeaderService {
  private static final Logger log = LoggerFactory.getLogger(TaskLauncher.class);
  public static final String FRAMEWORK_ID = "berth-launcher-0000";
  private static final FrameworkInfo FRAMEWORK = new FrameworkInfo(FRAMEWORK_ID, "berth-launcher", "root", "*",
      Duration.ofDays(7).toSeconds(), true, null, null, null, List.of("PARTITION_AWARE"));

  private final StatePublisher publisher;
  private final IdGenerator ids;
  private final Duration launchTimeout;
  private final ScheduledExecutorService events =
      Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("launcher").daemon().unstarted(r));
  private final List<Pending> pending = new ArrayList<>();
  private final Map<String, Pending> launching = new HashMap<>();
  private volatile SchedulerConnection connection;

  private record Pending(LaunchRequest request, String taskId, CompletableFuture<String> done) {}

  public TaskLauncher(StatePublisher publisher, IdGenerator ids, Duration launchTimeout) {
    this.publisher = publisher;
    this.ids = ids;
    this.launchTimeout = launchTimeout;
  }

  @Override
  public void start(LeaderContext context) {
    connection = context.scheduler().subscribe(FRAMEWORK, event -> events.execute(() -> onEvent(event)));
    log.info("task launcher subscribed as {}", connection.frameworkId());
  }

  @Override
  public void stop() {
    SchedulerConnection c = connection;
    connection = null;
    events.execute(() -> {
      pending.forEach(p -> p.done().completeExceptionally(notLeading()));
      launching.values().forEach(p -> p.done().completeExceptionally(notLeading()));
      pending.clear();
      launching.clear();
    });
    if (c != null) {
      c.close();
    }
  }

  /** Queues a task; completes with its id once launched. */
  public CompletableFuture<String> launch(LaunchRequest request) {
    request.validate();
    SchedulerConnection c = requireConnection();
    String taskId = request.id() != null ? request.id() : "task-" + ids.next();
    publisher.current().task(taskId).filter(t -> !t.terminal()).ifPresent(t -> {
      throw BerthException.conflict("Task " + taskId + " already exists and is " + t.state());
    });
    requireAnAgentBigEnough(request);
    Pending p = new Pending(request, taskId, new CompletableFuture<>());
    events.execute(() -> {
      boolean wasIdle = pending.isEmpty();
      pending.add(p);
      if (wasIdle) {
        c.call(new SchedulerCall.Revive());
      }
    });
    events.schedule(() -> {
      if (pending.remove(p)) {
        p.done().completeExceptionally(new BerthException(ErrorCode.UNAVAILABLE,
            "No agent offered the resources for task " + taskId + " within " + launchTimeout.toSeconds() + " s"));
      }
    }, launchTimeout.toMillis(), TimeUnit.MILLISECONDS);
    return p.done();
  }

  /** A request no agent could ever hold fails at once instead of waiting for offers that cannot come. */
  private void requireAnAgentBigEnough(LaunchRequest r) {
    boolean fits = publisher.current().agents().values().stream().filter(a -> a.reachable()).anyMatch(a -> {
      Resources total = a.info().resources();
      return total.cpus() >= r.cpusOrDefault() && total.mem() >= r.memOrDefault() && total.disk() >= r.diskOrDefault()
          && total.ports().size() >= r.portsOrEmpty().size();
    });
    if (!fits) {
      throw BerthException.invalid("No agent is big enough for task " + (r.id() == null ? "" : r.id() + " ")
          + "(cpus " + r.cpusOrDefault() + ", mem " + r.memOrDefault() + ", disk " + r.diskOrDefault() + ", "
          + r.portsOrEmpty().size() + " ports)");
    }
  }

  public CompletableFuture<Void> kill(String taskId) {
    return requireConnection().call(new SchedulerCall.Kill(taskId, null, null));
  }

  private SchedulerConnection requireConnection() {
    SchedulerConnection c = connection;
    if (c == null) {
      throw notLeading();
    }
    return c;
  }

  private static BerthException notLeading() {
    return new BerthException(ErrorCode.NOT_LEADER, "This master is not leading; send the request to the leader");
  }

  private void onEvent(SchedulerEvent event) {
    SchedulerConnection c = connection;
    if (c == null) {
      return;
    }
    switch (event) {
      case SchedulerEvent.Offers o -> o.offers().forEach(offer -> useOffer(c, offer));
      case SchedulerEvent.Update u -> {
        if (u.status().uuid() != null) {
          c.call(new SchedulerCall.Acknowledge(u.status().agentId(), u.status().taskId(), u.status().uuid()));
        }
        Pending p = launching.remove(u.status().taskId());
        if (p != null && (u.status().state() == TaskState.TASK_ERROR || u.status().state() == TaskState.TASK_DROPPED)) {
          p.done().completeExceptionally(BerthException.invalid("Task " + p.taskId() + " was refused: " + u.status().message()));
        } else if (p != null) {
          p.done().complete(p.taskId());
        }
      }
      case SchedulerEvent.Error e -> log.warn("launcher subscription ended: {}", e.message());
      case SchedulerEvent.Subscribed s -> { }
      case SchedulerEvent.Rescind r -> { }
      case SchedulerEvent.Failure f -> { }
      case SchedulerEvent.Heartbeat h -> { }
    }
  }

  private void useOffer(SchedulerConnection c, Offer offer) {
    Resources left = offer.resources();
    List<TaskInfo> tasks = new ArrayList<>();
    List<Pending> used = new ArrayList<>();
    for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      LaunchRequest r = p.request();
      List<Long> ports = left.ports().lowest(r.portsOrEmpty().size());
      Resources need = new Resources(r.cpusOrDefault(), r.memOrDefault(), r.diskOrDefault(), 0, PortRanges.ofPorts(ports));
      if ((r.agentId() != null && !r.agentId().equals(offer.agentId())) || ports.size() < r.portsOrEmpty().size()
          || !left.contains(need)) {
        continue;
      }
      it.remove();
      left = left.minus(need);
      tasks.add(new TaskInfo(p.taskId(), p.taskId(), offer.frameworkId(), offer.agentId(), need,
          new CommandInfo(true, r.cmd(), List.of(), r.env(), null, List.of()), r.portsOrEmpty(), Map.of(),
          r.killGracePeriodSeconds() == null ? TaskInfo.DEFAULT_KILL_GRACE_SECONDS : r.killGracePeriodSeconds()));
      used.add(p);
    }
    if (tasks.isEmpty()) {
      c.call(new SchedulerCall.Decline(List.of(offer.id()), pending.isEmpty() ? Filters.DEFAULT : new Filters(1)));
      if (pending.isEmpty()) {
        c.call(new SchedulerCall.Suppress());
      }
      return;
    }
    used.forEach(p -> launching.put(p.taskId(), p));
    c.call(new SchedulerCall.Accept(List.of(offer.id()), List.of(new Operation.Launch(tasks)), Filters.NONE))
        .whenComplete((ok, error) -> events.execute(() -> {
          for (Pending p : used) {
            if (error != null) {
              launching.remove(p.taskId());
              p.done().completeExceptionally(error);
            } else if (publisher.current().task(p.taskId()).isPresent()) {
              launching.remove(p.taskId());
              p.done().complete(p.taskId());
            }
          }
        }));
  }
}

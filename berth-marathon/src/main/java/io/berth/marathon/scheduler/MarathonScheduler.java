package io.berth.marathon.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.api.cluster.FrameworkInfo;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.common.id.IdGenerator;
import io.berth.framework.Filters;
import io.berth.framework.Offer;
import io.berth.framework.Operation;
import io.berth.framework.SchedulerCall;
import io.berth.framework.SchedulerConnection;
import io.berth.framework.SchedulerEndpoint;
import io.berth.framework.SchedulerEvent;
import io.berth.marathon.events.EventBus;
import io.berth.marathon.events.Timestamps;
import io.berth.marathon.model.AppSpec;
import io.berth.placement.AgentFacts;
import io.berth.state.ClusterDelta;
import io.berth.state.StatePublisher;
import io.berth.state.StateWriter;
import io.berth.state.image.Agent;
import io.berth.state.image.ClusterImage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marathon's scheduler: a framework on the in-process scheduler contract. One thread (the "marathon" loop) owns
 * all of its in-memory state; it reacts to offers, status updates, image changes and a 1 s timer by running
 * {@link Reconciler} (which drives every app towards its definition under the running deployments) and by filling
 * offers with waiting instances. Everything durable goes through the {@link StateWriter}.
 */
public final class MarathonScheduler {
  private static final Logger log = LoggerFactory.getLogger(MarathonScheduler.class);
  public static final String FRAMEWORK_ID = "marathon-0000";
  static final FrameworkInfo FRAMEWORK = new FrameworkInfo(FRAMEWORK_ID, "marathon", "root", "*",
      Duration.ofDays(7).toSeconds(), true, null, null, null, List.of("PARTITION_AWARE", "TASK_KILLING_STATE"));

  private final StatePublisher publisher;
  private final InstantSource clock;
  private final IdGenerator ids;
  private final EventBus events;
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("marathon").daemon().unstarted(r));
  private final Consumer<ClusterDelta> onDelta = d -> requestTick();
  private final HealthMonitor health;
  private final OfferLedger ledger = new OfferLedger();
  private final Map<String, ObjectNode> lastFailures = new HashMap<>();
  private Reconciler reconciler;
  private volatile SchedulerConnection connection;
  private volatile SchedulerView view = SchedulerView.EMPTY;
  private boolean tickRequested;
  private boolean suppressed;

  public MarathonScheduler(StatePublisher publisher, InstantSource clock, IdGenerator ids, EventBus events) {
    this.publisher = publisher;
    this.clock = clock;
    this.ids = ids;
    this.events = events;
    this.health = new HealthMonitor(clock, this::post, events);
    loop.scheduleWithFixedDelay(this::tickSafely, 1, 1, TimeUnit.SECONDS);
  }

  /** Starts a term: subscribes as the Marathon framework and resumes from the image. */
  public void start(SchedulerEndpoint endpoint, StateWriter writer) {
    loop.execute(() -> {
      reconciler = new Reconciler(clock, events, health, ledger, writer, this::kill);
      boolean known = publisher.current().framework(FRAMEWORK_ID).isPresent(); // a failover: Mesos says re-registered
      SchedulerConnection c = endpoint.subscribe(FRAMEWORK, e -> post(() -> onEvent(e)));
      connection = c;
      suppressed = false;
      publisher.subscribe(onDelta);
      c.call(new SchedulerCall.Reconcile(List.of()));
      events.publish(known ? events.payload("scheduler_reregistered_event").put("master", "berth")
          : events.payload("scheduler_registered_event").put("frameworkId", c.frameworkId()).put("master", "berth"));
      log.info("marathon subscribed as {}", c.frameworkId());
      tick();
    });
  }

  public void stop() {
    publisher.unsubscribe(onDelta);
    if (loop.isShutdown()) {
      return;
    }
    loop.execute(() -> {
      SchedulerConnection c = connection;
      connection = null;
      reconciler = null;
      view = SchedulerView.EMPTY;
      if (c != null) {
        c.close();
        events.publish(events.payload("scheduler_disconnected_event"));
      }
    });
  }

  public SchedulerView view() {
    return view;
  }

  public boolean leading() {
    return connection != null;
  }

  /** Kills tasks on request (the tasks API); replacements follow unless the caller also scales down. */
  public void killTasks(List<String> taskIds) {
    loop.execute(() -> {
      ClusterImage image = publisher.current();
      taskIds.forEach(id -> image.task(id).filter(t -> !t.terminal()).ifPresent(t -> kill(Instance.of(t), "KillingTasksViaEndpoint")));
      requestTick();
    });
  }

  private void requestTick() {
    synchronized (this) {
      if (tickRequested) {
        return;
      }
      tickRequested = true;
    }
    post(() -> {
      synchronized (this) {
        tickRequested = false;
      }
      tickSafely();
    });
  }

  /** Runs work on the loop; after {@link #close} there is no loop and the work is dropped. */
  private void post(Runnable work) {
    try {
      loop.execute(work);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      log.debug("marathon is closed; dropping work");
    }
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.error("marathon tick failed", e);
    }
  }

  private void tick() {
    SchedulerConnection c = connection;
    Reconciler r = reconciler;
    if (c == null || r == null) {
      return;
    }
    ClusterImage image = publisher.current();
    Reconciler.Outcome out = r.reconcile(image);
    int waiting = out.wants().stream().mapToInt(OfferMatcher.Want::count).sum();
    if (waiting > 0 && suppressed) {
      log.debug("reviving offers for {} waiting instances", waiting);
      suppressed = false;
      c.call(new SchedulerCall.Revive());
    } else if (waiting == 0 && !suppressed) {
      suppressed = true;
      c.call(new SchedulerCall.Suppress());
    }
    view = new SchedulerView(out.healthResults(), out.healthy(), out.queue(), Map.copyOf(lastFailures), out.readiness(), true);
  }

  private void kill(Instance i, String reason) {
    SchedulerConnection c = connection;
    if (c != null && reconciler != null && reconciler.markKilling(i.id())) {
      for (String taskId : i.liveTaskIds()) {
        if (i.pod()) {
          reconciler.markKilling(taskId);
        }
        c.call(new SchedulerCall.Kill(taskId, i.agentId(), null));
      }
    }
  }

  /**
   * Kills pod instances on request ({@code DELETE /v2/pods/{id}::instances}); they are replaced while the pod still
   * wants them. Returns at once; unknown ids are ignored (the API checks them first).
   */
  public void killPodInstances(String podId, List<String> instanceIds) {
    post(() -> {
      List<Instance> known = PodInstances.byPod(publisher.current(), FRAMEWORK_ID).getOrDefault(podId, List.of());
      known.stream().filter(i -> i.active() && instanceIds.contains(i.id())).forEach(i -> kill(i, "KillingTasksViaEndpoint"));
      requestTick();
    });
  }

  private void onEvent(SchedulerEvent event) {
    SchedulerConnection c = connection;
    if (c == null) {
      return;
    }
    switch (event) {
      case SchedulerEvent.Offers o -> useOffers(c, o.offers());
      case SchedulerEvent.Update u -> onUpdate(c, u.status());
      case SchedulerEvent.Error e -> log.warn("marathon subscription ended: {}", e.message());
      case SchedulerEvent.Subscribed s -> { }
      case SchedulerEvent.Rescind r -> { }
      case SchedulerEvent.Failure f -> requestTick();
      case SchedulerEvent.Heartbeat h -> { }
    }
  }

  /** Fills the offers of one event with waiting instances; what wants them is computed once for all of them. */
  private void useOffers(SchedulerConnection c, List<Offer> offers) {
    Reconciler r = reconciler;
    if (r == null) {
      return;
    }
    ClusterImage image = publisher.current();
    List<OfferMatcher.Want> wants = new ArrayList<>(r.wants(image));
    int perOffer = perOffer(image, wants);
    Map<AppSpec, TaskFactory.Template> templates = new java.util.IdentityHashMap<>();
    for (Offer offer : offers) {
      AgentFacts agent = new AgentFacts(offer.agentId(), offer.hostname(), offer.attributes(), offer.domain());
      OfferMatcher.Match match = OfferMatcher.match(agent, offer.resources(), wants, perOffer);
      Instant now = clock.instant();
      match.rejected().forEach((app, reasons) -> ledger.rejected(app, reasons, now));
      if (match.launches().isEmpty()) {
        c.call(new SchedulerCall.Decline(List.of(offer.id()), wants.isEmpty() ? Filters.DEFAULT : new Filters(1)));
        continue;
      }
      List<TaskInfo> tasks = new ArrayList<>();
      Map<String, Integer> launchedPerApp = new HashMap<>();
      for (OfferMatcher.Launch l : match.launches()) {
        io.berth.marathon.model.PodSpec pod = r.podSpec(l.app().id());
        String taskId;
        if (pod != null) {
          List<TaskInfo> group = PodTasks.build(pod, PodTasks.instanceId(pod.id(), ids.next()), c.frameworkId(),
              offer.agentId(), l.ports());
          tasks.addAll(group);
          taskId = group.getFirst().id(); // stands for the instance until its tasks are in the image
        } else {
          taskId = TaskFactory.taskId(l.app().id(), ids.next());
          TaskFactory.Template template = templates.computeIfAbsent(l.app(), TaskFactory::template);
          tasks.add(TaskFactory.build(template, taskId, c.frameworkId(), offer.agentId(), l.resources(), l.ports()));
        }
        r.launching(taskId, l.app().id(), agent);
        ledger.used(l.app().id(), now);
        launchedPerApp.merge(l.app().id(), 1, Integer::sum);
      }
      for (int i = 0; i < wants.size(); i++) {
        OfferMatcher.Want w = wants.get(i);
        int n = launchedPerApp.getOrDefault(w.app().id(), 0);
        if (n > 0) {
          List<AgentFacts> existing = new ArrayList<>(w.existing());
          for (int k = 0; k < n; k++) {
            existing.add(agent);
          }
          wants.set(i, new OfferMatcher.Want(w.app(), w.count() - n, existing));
        }
      }
      wants.removeIf(w -> w.count() <= 0);
      log.debug("offer {} of {}: launching {} tasks", offer.id(), offer.agentId(), tasks.size());
      c.call(new SchedulerCall.Accept(List.of(offer.id()), List.of(new Operation.Launch(tasks)), Filters.NONE))
          .whenComplete((ok, error) -> post(() -> {
            if (error != null) {
              log.warn("launching {} tasks on {} failed: {}", tasks.size(), offer.agentId(), error.toString());
              tasks.forEach(t -> r.launchFailed(t.id()));
            }
            requestTick();
          }));
    }
  }

  /**
   * How many instances one offer may take: the waiting instances spread evenly over the reachable agents, at least
   * {@link #MIN_INSTANCES_PER_OFFER} (Marathon's {@code max_instances_per_offer} default), so a large scale-up runs on
   * all agents in parallel instead of filling the first offers.
   */
  static int perOffer(ClusterImage image, List<OfferMatcher.Want> wants) {
    long agents = Math.max(1, image.agents().values().stream().filter(Agent::reachable).count());
    int waiting = wants.stream().mapToInt(OfferMatcher.Want::count).sum();
    return (int) Math.max(MIN_INSTANCES_PER_OFFER, (waiting + agents - 1) / agents);
  }

  static final int MIN_INSTANCES_PER_OFFER = 5;

  private void onUpdate(SchedulerConnection c, TaskStatus status) {
    if (status.uuid() != null) {
      c.call(new SchedulerCall.Acknowledge(status.agentId(), status.taskId(), status.uuid()));
    }
    ClusterImage image = publisher.current();
    Instance instance = image.task(status.taskId()).map(Instance::of).orElse(null);
    String podId = instance == null ? null : instance.task().info().labels().get(Instance.POD_ID);
    String appId = podId != null ? podId
        : instance != null ? instance.appId() : TaskFactory.appIdOf(status.taskId()).orElse(null);
    String instanceId = podId != null ? instance.task().info().executorId() : TaskFactory.instanceId(status.taskId());
    Agent agent = image.agents().get(status.agentId());
    String host = agent == null ? null : agent.info().hostname();
    ObjectNode e = events.payload("status_update_event").put("slaveId", status.agentId()).put("taskId", status.taskId())
        .put("taskStatus", status.state().name()).put("message", status.message() == null ? "" : status.message())
        .put("appId", appId).put("host", host).put("version", instance == null ? null : instance.version());
    e.putArray("ipAddresses").addObject().put("ipAddress", agent == null ? null : agent.info().ip()).put("protocol", "IPv4");
    var ports = e.putArray("ports");
    if (instance != null) {
      instance.ports().forEach(ports::add);
    }
    events.publish(e);
    if (status.healthy() != null && appId != null) {
      events.publish(events.payload("health_status_changed_event").put("appId", appId)
          .put("instanceId", instanceId).put("taskId", status.taskId())
          .put("version", instance == null ? null : instance.version()).put("alive", status.healthy()));
      events.publish(events.payload("instance_health_changed_event").put("instanceId", instanceId)
          .put("runSpecId", appId).put("runSpecVersion", instance == null ? null : instance.version())
          .put("healthy", status.healthy()));
    }
    events.publish(events.payload("instance_changed_event").put("instanceId", instanceId)
        .put("condition", condition(status.state())).put("runSpecId", appId).put("agentId", status.agentId())
        .put("host", host).put("runSpecVersion", instance == null ? null : instance.version()));
    if (status.state().isTerminal() && instance == null) {
      // a task Marathon's state does not know (e.g. found by reconciliation after its records were lost)
      events.publish(events.payload("unknown_instance_terminated_event").put("instanceId",
          instanceId).put("runSpecId", appId).put("condition", condition(status.state())));
    }
    if (status.state().isTerminal()) {
      health.forget(status.taskId());
      Reconciler r = reconciler;
      boolean requested = r != null && r.wasKillRequested(status.taskId());
      boolean killedUnhealthy = status.state() == TaskState.TASK_KILLED && !requested && instance != null
          && Boolean.FALSE.equals(instance.agentHealthy());
      if (killedUnhealthy) {
        events.publish(events.payload("unhealthy_instance_kill_event").put("appId", appId).put("taskId", status.taskId())
            .put("instanceId", instanceId).put("version", instance.version())
            .put("reason", "FailedHealthChecks").put("host", host).put("slaveId", status.agentId()));
      }
      if (appId != null && (isFailure(status.state()) || killedUnhealthy) && !requested && r != null) {
        lastFailures.put(appId, failure(status, appId, host, instance));
        r.backoff(appId);
      }
    }
    requestTick();
  }

  private static boolean isFailure(TaskState s) {
    return s == TaskState.TASK_FAILED || s == TaskState.TASK_ERROR || s == TaskState.TASK_FINISHED;
  }

  private ObjectNode failure(TaskStatus s, String appId, String host, Instance i) {
    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("appId", appId).put("host", host)
        .put("message", s.message() == null ? "" : s.message()).put("state", s.state().name()).put("taskId", s.taskId())
        .put("timestamp", Timestamps.format(s.timestamp())).put("version", i == null ? null : i.version())
        .put("slaveId", s.agentId());
  }

  /** Marathon's instance condition for a Mesos state. */
  static String condition(TaskState s) {
    return switch (s) {
      case TASK_STAGING -> "Staging";
      case TASK_STARTING -> "Starting";
      case TASK_RUNNING -> "Running";
      case TASK_KILLING -> "Killing";
      case TASK_FINISHED -> "Finished";
      case TASK_FAILED -> "Failed";
      case TASK_KILLED -> "Killed";
      case TASK_ERROR -> "Error";
      case TASK_DROPPED -> "Dropped";
      case TASK_GONE, TASK_GONE_BY_OPERATOR, TASK_LOST -> "Gone";
      case TASK_UNREACHABLE -> "Unreachable";
      case TASK_UNKNOWN -> "Unknown";
    };
  }

  public void close() {
    stop();
    loop.shutdown();
    try {
      loop.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

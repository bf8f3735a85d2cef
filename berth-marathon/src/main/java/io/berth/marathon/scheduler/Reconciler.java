package io.berth.marathon.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.api.cluster.TaskState;
import io.berth.marathon.deploy.RestartArithmetic;
import io.berth.marathon.events.EventBus;
import io.berth.marathon.model.AppSpec;
import io.berth.marathon.model.PodSpec;
import io.berth.placement.AgentFacts;
import io.berth.state.StateWriter;
import io.berth.state.apps.StoredDeployment;
import io.berth.state.image.Agent;
import io.berth.state.image.ClusterImage;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Drives every app and pod (a pod is one run spec here: {@link PodSpec#app()}, its instances task groups) towards
 * its definition, one pass per tick, on the scheduler's loop: steady apps are kept at
 * their instance count (failed, killed, lost and unhealthy instances are replaced, with launch backoff), apps in
 * the current step of a deployment run their action (scale, rolling restart, stop), apps of later steps wait, and
 * instances of apps that no longer exist are killed. Advances deployments whose current step is done.
 */
final class Reconciler {
  private final InstantSource clock;
  private final EventBus events;
  private final HealthMonitor health;
  private final OfferLedger ledger;
  private final BiConsumer<Instance, String> killer;
  private final Map<String, String> launching = new LinkedHashMap<>();
  private final Map<String, Instant> launchingSince = new HashMap<>();
  private final Map<String, AgentFacts> launchingOn = new HashMap<>();
  private final Map<String, Instant> killing = new HashMap<>();
  private final Set<String> killRequested = new LinkedHashSet<>();
  private final LaunchDelays delays;
  private final DeploymentStepper stepper;
  private final Map<String, Instant> waitingSince = new HashMap<>();
  private final RunSpecs specs = new RunSpecs();
  private Map<String, Integer> wanted = new LinkedHashMap<>();
  private final InstanceCache instances = new InstanceCache();

  static final long KILL_RETRY_SECONDS = 30;

  record Outcome(List<OfferMatcher.Want> wants, Map<String, List<ObjectNode>> healthResults, Map<String, Boolean> healthy,
      Map<String, SchedulerView.QueueEntry> queue, Map<String, List<ObjectNode>> readiness) {}

  Reconciler(InstantSource clock, EventBus events, HealthMonitor health, OfferLedger ledger,
      StateWriter writer, BiConsumer<Instance, String> killer) {
    this.clock = clock;
    this.events = events;
    this.health = health;
    this.ledger = ledger;
    this.killer = killer;
    this.delays = new LaunchDelays(clock, writer);
    this.stepper = new DeploymentStepper(clock, events, writer);
  }

  /** Increases an app's launch delay after a failure of one of its instances. */
  void backoff(String appId) {
    delays.failed(appId);
  }

  /**
   * An instance was placed on {@code agent} and its launch sent. Until its task is in the image it still counts, for
   * the app's instance count and for constraints: the master may offer the same agent again before the launch is
   * committed (offers go out within the round that recorded the launch).
   */
  void launching(String taskId, String appId, AgentFacts agent) {
    launchingOn.put(taskId, agent);
    launching.put(taskId, appId);
    launchingSince.put(taskId, clock.instant());
    wanted.computeIfPresent(appId, (k, v) -> v - 1);
  }

  void launchFailed(String taskId) {
    launching.remove(taskId);
    launchingSince.remove(taskId);
    launchingOn.remove(taskId);
  }

  /** Records a kill; false if the task is already being killed. */
  boolean markKilling(String taskId) {
    killRequested.add(taskId);
    while (killRequested.size() > 10_000) {
      killRequested.remove(killRequested.iterator().next());
    }
    return killing.putIfAbsent(taskId, clock.instant()) == null;
  }

  boolean wasKillRequested(String taskId) {
    return killRequested.contains(taskId);
  }

  /** The pod with this id as last reconciled, or null when it is an app (or gone). */
  PodSpec podSpec(String id) {
    return specs.podSpec(id);
  }

  /** Whether a deployment action is of this kind (Start, Stop, Scale, Restart), for apps and pods alike. */
  static boolean is(StoredDeployment.Action action, String kind) {
    return action != null && (action.action().equals(kind + "Application") || action.action().equals(kind + "Pod"));
  }

  /** The apps with instances waiting for offers now, with the agents of their existing instances. */
  List<OfferMatcher.Want> wants(ClusterImage image) {
    List<OfferMatcher.Want> out = new ArrayList<>();
    Map<String, List<Instance>> byApp = instances.byApp(image);
    Instant now = clock.instant();
    wanted.forEach((appId, count) -> {
      AppSpec spec = specs.runSpec(image, appId);
      // the launch delay may have begun since the last pass: an offer never launches into a backoff
      if (count > 0 && spec != null && !delays.delayed(image, spec, now)) {
        List<AgentFacts> existing = new ArrayList<>();
        for (Instance i : byApp.getOrDefault(appId, List.of())) {
          Agent a = image.agents().get(i.agentId());
          if (i.active() && a != null) {
            existing.add(new AgentFacts(a.id(), a.info().hostname(), a.info().attributes(), a.info().domain()));
          }
        }
        launching.forEach((taskId, app) -> {
          if (app.equals(appId) && !image.tasks().containsKey(taskId) && launchingOn.containsKey(taskId)) {
            existing.add(launchingOn.get(taskId));
          }
        });
        out.add(new OfferMatcher.Want(spec, count, existing));
      }
    });
    return out;
  }

  Outcome reconcile(ClusterImage image) {
    Instant now = clock.instant();
    Map<String, AppSpec> apps = specs.all(image);
    Map<String, List<Instance>> byApp = instances.byApp(image);
    Set<String> liveInstances = new HashSet<>();
    byApp.values().forEach(list -> list.stream().filter(Instance::active).forEach(i -> liveInstances.add(i.id())));
    launching.keySet().removeIf(id -> image.tasks().containsKey(id) || launchingSince.get(id).isBefore(now.minusSeconds(60)));
    launchingSince.keySet().retainAll(launching.keySet());
    launchingOn.keySet().retainAll(launching.keySet());
    killing.entrySet().removeIf(e -> !liveInstances.contains(e.getKey())
        && image.task(e.getKey()).map(t -> t.terminal()).orElse(true));
    // a kill that has not ended its task in 30 s (its agent was unreachable) is decided again, and so sent again
    killing.values().removeIf(since -> since.isBefore(now.minusSeconds(KILL_RETRY_SECONDS)));
    Map<String, String> hosts = new HashMap<>();
    image.agents().values().forEach(a -> hosts.put(a.id(), a.info().ip()));
    List<Instance> running = new ArrayList<>();
    byApp.values().forEach(list -> list.stream().filter(Instance::running).forEach(running::add));
    for (Instance i : health.tick(apps, running, hosts)) {
      if (!killing.containsKey(i.id())) {
        events.publish(events.payload("unhealthy_instance_kill_event").put("appId", i.appId()).put("taskId", i.id())
            .put("instanceId", TaskFactory.instanceId(i.id())).put("version", i.version())
            .put("reason", "FailedHealthChecks").put("host", hosts.get(i.agentId())).put("slaveId", i.agentId()));
        killer.accept(i, "FailedHealthChecks");
        backoff(i.appId());
      }
    }
    Map<String, StoredDeployment.Action> current = new HashMap<>();
    Set<String> held = new HashSet<>();
    for (StoredDeployment d : image.apps().deployments().values()) {
      if (d.currentStep() == 0) {
        stepper.advance(d, 1);
        d.affectedApps().forEach(held::add);
        d.affectedPods().forEach(held::add);
        continue;
      }
      for (int s = 0; s < d.steps().size(); s++) {
        for (StoredDeployment.Action a : d.steps().get(s).actions()) {
          if (s == d.currentStep() - 1) {
            current.put(a.runSpecId(), a);
          } else if (s > d.currentStep() - 1) {
            held.add(a.runSpecId());
          }
        }
      }
    }
    Map<String, Integer> nextWanted = new LinkedHashMap<>();
    Map<String, SchedulerView.QueueEntry> queue = new LinkedHashMap<>();
    Map<String, List<ObjectNode>> readiness = new HashMap<>();
    Map<String, Boolean> done = new HashMap<>();
    Set<String> all = new LinkedHashSet<>(apps.keySet());
    all.addAll(byApp.keySet());
    for (String appId : all) {
      AppSpec spec = apps.get(appId);
      List<Instance> active = byApp.getOrDefault(appId, List.of()).stream().filter(Instance::active).toList();
      StoredDeployment.Action action = current.get(appId);
      boolean finished;
      if (spec == null) {
        active.forEach(i -> killer.accept(i, "DeletingApp"));
        finished = active.isEmpty();
        if (finished && action != null && action.action().equals("StopApplication") && !done.containsKey(appId)) {
          events.publish(events.payload("app_terminated_event").put("appId", appId));
        }
      } else if ((action == null && held.contains(appId)) || is(action, "Start")) {
        finished = true;
      } else {
        int launchingFor = (int) launching.values().stream().filter(appId::equals).count();
        boolean delayed = delays.delayed(image, spec, now);
        int want;
        if (is(action, "Restart")) {
          Restart r = restart(spec, active, launchingFor);
          want = r.launch();
          finished = r.done();
          readiness.put(appId, active.stream().filter(i -> spec.configVersion().equals(i.configVersion()))
              .map(i -> health.readinessResult(i.id(), spec)).flatMap(java.util.Optional::stream).toList());
        } else {
          List<Instance> counted = active.stream().filter(i -> !killing.containsKey(i.id()) && counts(i, spec, now)).toList();
          if (counted.size() > spec.instances()) {
            victims(counted, counted.size() - spec.instances(), spec.oldestFirst()).forEach(i -> killer.accept(i, "ScalingApp"));
          }
          want = Math.max(0, spec.instances() - counted.size() - launchingFor);
          if (action != null && spec.readiness() != null) {
            readiness.put(appId, counted.stream().map(i -> health.readinessResult(i.id(), spec))
                .flatMap(java.util.Optional::stream).toList());
          }
          finished = counted.size() == spec.instances() && launchingFor == 0
              && active.stream().noneMatch(i -> killing.containsKey(i.id()))
              && counted.stream().allMatch(i -> healthy(i, spec, action != null));
        }
        if (want > 0) {
          waitingSince.putIfAbsent(appId, now);
          queue.put(appId, new SchedulerView.QueueEntry(appId, want, waitingSince.get(appId), ledger.get(appId)));
          if (!delayed) {
            nextWanted.put(appId, want);
          }
        } else {
          waitingSince.remove(appId);
          ledger.forget(appId);
        }
        delays.resetIfQuiet(image, spec, now);
      }
      done.put(appId, finished);
    }
    wanted = nextWanted;
    for (StoredDeployment d : image.apps().deployments().values()) {
      if (d.currentStep() >= 1 && d.currentStep() <= d.steps().size()
          && d.steps().get(d.currentStep() - 1).actions().stream().allMatch(a -> done.getOrDefault(a.runSpecId(), true))) {
        stepper.advance(d, d.currentStep() + 1);
      }
    }
    Map<String, List<ObjectNode>> results = new HashMap<>();
    Map<String, Boolean> healthy = new HashMap<>();
    for (Instance i : running) {
      List<ObjectNode> r = new ArrayList<>(health.results(i.id()));
      Boolean agent = i.agentHealthy();
      if (agent != null) {
        r.add(AgentHealth.result(i, agent));
      }
      if (!r.isEmpty()) {
        results.put(i.id(), r);
      }
      java.util.Optional<Boolean> probed = health.healthy(i.id());
      if (agent != null || probed.isPresent()) {
        healthy.put(i.id(), probed.orElse(true) && (agent == null || agent));
      }
    }
    return new Outcome(wants(image), results, healthy, queue, readiness);
  }

  private record Restart(int launch, boolean done) {}

  private Restart restart(AppSpec spec, List<Instance> active, int launchingFor) {
    List<RestartArithmetic.Instance> oldActive = new ArrayList<>();
    List<RestartArithmetic.Instance> newActive = new ArrayList<>();
    int oldDying = 0;
    boolean newDying = false;
    for (Instance i : active) {
      boolean isNew = spec.configVersion().equals(i.configVersion());
      if (killing.containsKey(i.id())) {
        if (isNew) {
          newDying = true;
        } else {
          oldDying++;
        }
        continue;
      }
      long order = i.startedAt() != null ? i.startedAt().toEpochMilli() : i.stagedAt().toEpochMilli();
      RestartArithmetic.Instance ri = new RestartArithmetic.Instance(i.id(), healthy(i, spec, isNew), order);
      (isNew ? newActive : oldActive).add(ri);
    }
    RestartArithmetic.Decision d = RestartArithmetic.decide(spec.instances(), spec.minimumHealthCapacity(),
        spec.maximumOverCapacity(), oldActive, newActive, oldDying);
    for (String id : d.kill()) {
      active.stream().filter(i -> i.id().equals(id)).findFirst().ifPresent(i -> killer.accept(i, "Upgrading"));
    }
    return new Restart(Math.max(0, d.launch() - launchingFor), d.done() && launchingFor == 0 && !newDying);
  }

  private boolean healthy(Instance i, AppSpec spec, boolean needReady) {
    if (!i.running()) {
      return false;
    }
    boolean probed = spec.healthChecks().stream().anyMatch(HealthMonitor::probed);
    if (probed && !health.healthy(i.id()).orElse(false)) {
      return false;
    }
    if (spec.healthChecks().stream().anyMatch(HealthMonitor::onAgent) && !Boolean.TRUE.equals(i.agentHealthy())) {
      return false;
    }
    PodSpec pod = i.pod() ? specs.podSpec(spec.id()) : null;
    if (pod != null && pod.containers().stream().anyMatch(c -> c.healthCheck() != null)
        && !Boolean.TRUE.equals(i.agentHealthy())) {
      return false;
    }
    return !needReady || spec.readiness() == null || health.ready(i.id());
  }

  /** An unreachable instance stops counting after the app's inactiveAfterSeconds (never when disabled). */
  private boolean counts(Instance i, AppSpec spec, Instant now) {
    if (i.state() != TaskState.TASK_UNREACHABLE) {
      return true;
    }
    JsonNode strategy = spec.definition().path("unreachableStrategy");
    if (!strategy.isObject()) {
      return true;
    }
    Instant since = i.task().latest().timestamp();
    if (!now.isBefore(since.plusSeconds(strategy.path("expungeAfterSeconds").asLong(0)))) {
      killer.accept(i, "Expunged");
    }
    return now.isBefore(since.plusSeconds(strategy.path("inactiveAfterSeconds").asLong(0)));
  }

  /** Kill selection (§4.13): unreachable, staging, starting, running; then youngest (or oldest) first. */
  static List<Instance> victims(List<Instance> instances, int count, boolean oldestFirst) {
    Comparator<Instance> byCondition = Comparator.comparingInt(i -> switch (i.state()) {
      case TASK_UNREACHABLE -> 0;
      case TASK_STAGING -> 1;
      case TASK_STARTING -> 2;
      case TASK_RUNNING -> 3;
      default -> 4;
    });
    Comparator<Instance> byAge = Comparator.comparing((Instance i) -> i.startedAt() != null ? i.startedAt() : i.stagedAt());
    List<Instance> sorted = new ArrayList<>(instances);
    sorted.sort(byCondition.thenComparing(oldestFirst ? byAge : byAge.reversed()));
    return sorted.subList(0, Math.min(count, sorted.size()));
  }
}

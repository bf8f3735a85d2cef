package io.berth.marathon.scheduler;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.marathon.events.EventBus;
import io.berth.marathon.events.Timestamps;
import io.berth.marathon.model.AppSpec;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Runs the health checks of running instances (HTTP, HTTPS, TCP and their MESOS_ forms, against the agent's
 * address) and the readiness check of new instances, and keeps their results. Owned by the scheduler's loop: every
 * method runs there; probes run on virtual threads and hand their results back through {@code loop}.
 */
final class HealthMonitor {
  private final InstantSource clock;
  private final Executor loop;
  private final EventBus events;
  private final Map<String, List<CheckState>> checks = new HashMap<>();
  private final Map<String, ReadyState> readiness = new HashMap<>();

  private static final class CheckState {
    final AppSpec.HealthCheckSpec spec;
    Boolean alive;
    int consecutiveFailures;
    Instant firstSuccess;
    Instant lastSuccess;
    Instant lastFailure;
    String lastFailureCause;
    Instant nextDue;
    boolean inFlight;

    CheckState(AppSpec.HealthCheckSpec spec, Instant due) {
      this.spec = spec;
      this.nextDue = due;
    }
  }

  private static final class ReadyState {
    boolean ready;
    Instant nextDue;
    boolean inFlight;
    Probes.Result last;
  }

  HealthMonitor(InstantSource clock, Executor loop, EventBus events) {
    this.clock = clock;
    this.loop = loop;
    this.events = events;
  }

  /** Checks the scheduler runs itself (Marathon-level); the others run on the agent. */
  static boolean probed(AppSpec.HealthCheckSpec h) {
    return h.protocol().equals("HTTP") || h.protocol().equals("HTTPS") || h.protocol().equals("TCP");
  }

  static boolean onAgent(AppSpec.HealthCheckSpec h) {
    return !probed(h);
  }

  /** Starts due probes of running instances; returns the instances to kill for failing their checks. */
  List<Instance> tick(Map<String, AppSpec> apps, List<Instance> running, Map<String, String> hostOfAgent) {
    Instant now = clock.instant();
    Set<String> alive = new HashSet<>();
    List<Instance> kill = new ArrayList<>();
    for (Instance i : running) {
      AppSpec app = apps.get(i.appId());
      if (app == null) {
        continue;
      }
      alive.add(i.id());
      String host = hostOfAgent.getOrDefault(i.agentId(), "127.0.0.1");
      List<CheckState> states = checks.computeIfAbsent(i.id(), k -> app.healthChecks().stream()
          .filter(HealthMonitor::probed).map(h -> new CheckState(h, now)).toList());
      for (CheckState s : states) {
        if (!s.inFlight && !now.isBefore(s.nextDue)) {
          s.inFlight = true;
          s.nextDue = now.plusSeconds(Math.max(1, s.spec.intervalSeconds()));
          Optional<Long> port = portOf(s.spec, app, i);
          Thread.ofVirtual().name("health-check").start(() -> {
            Probes.Result r = port.isEmpty() ? new Probes.Result(false, 0, null, null, "no port")
                : probe(s.spec, host, port.get());
            loop.execute(() -> record(i, app, s, r));
          });
        }
        if (s.spec.maxConsecutiveFailures() > 0 && s.consecutiveFailures >= s.spec.maxConsecutiveFailures()
            && pastGrace(s, i, now)) {
          kill.add(i);
        }
      }
      if (app.readiness() != null) {
        tickReadiness(i, app, host, now);
      }
    }
    checks.keySet().retainAll(alive);
    readiness.keySet().retainAll(alive);
    return kill;
  }

  private static boolean pastGrace(CheckState s, Instance i, Instant now) {
    Instant started = i.startedAt() == null ? now : i.startedAt();
    return s.firstSuccess != null || !now.isBefore(started.plusSeconds(s.spec.gracePeriodSeconds()));
  }

  private void tickReadiness(Instance i, AppSpec app, String host, Instant now) {
    ReadyState r = readiness.computeIfAbsent(i.id(), k -> {
      ReadyState s = new ReadyState();
      s.nextDue = now;
      return s;
    });
    if (r.ready || r.inFlight || now.isBefore(r.nextDue)) {
      return;
    }
    AppSpec.ReadinessSpec spec = app.readiness();
    int index = -1;
    for (int p = 0; p < app.ports().size(); p++) {
      if (spec.portName().equals(app.ports().get(p).name())) {
        index = p;
      }
    }
    if (index < 0 || index >= i.ports().size()) {
      return;
    }
    long port = i.ports().get(index);
    r.inFlight = true;
    r.nextDue = now.plusSeconds(Math.max(1, spec.intervalSeconds()));
    Thread.ofVirtual().name("readiness-check").start(() -> {
      Probes.Result res = Probes.http(spec.protocol().equals("HTTPS"), host, port, spec.path(), spec.timeoutSeconds());
      loop.execute(() -> {
        r.inFlight = false;
        r.last = res;
        r.ready = res.connected() && spec.statusCodes().contains(res.status());
      });
    });
  }

  private static Optional<Long> portOf(AppSpec.HealthCheckSpec h, AppSpec app, Instance i) {
    if (h.port() != null) {
      return Optional.of((long) h.port());
    }
    int index = h.portIndex() == null ? 0 : h.portIndex();
    return index < i.ports().size() ? Optional.of(i.ports().get(index)) : Optional.empty();
  }

  private static Probes.Result probe(AppSpec.HealthCheckSpec h, String host, long port) {
    return switch (h.protocol()) {
      case "TCP", "MESOS_TCP" -> Probes.tcp(host, port, h.timeoutSeconds());
      case "HTTPS", "MESOS_HTTPS" -> Probes.http(true, host, port, h.path(), h.timeoutSeconds());
      default -> Probes.http(false, host, port, h.path(), h.timeoutSeconds());
    };
  }

  private void record(Instance i, AppSpec app, CheckState s, Probes.Result r) {
    s.inFlight = false;
    if (!checks.containsKey(i.id())) {
      return;
    }
    Instant now = clock.instant();
    boolean http = !s.spec.protocol().endsWith("TCP");
    if (http && s.spec.ignoreHttp1xx() && r.status() >= 100 && r.status() < 200) {
      return;
    }
    boolean ok = r.connected() && (!http || (r.status() >= 200 && r.status() < 400));
    Boolean before = healthy(i.id()).orElse(null);
    if (ok) {
      s.alive = true;
      s.consecutiveFailures = 0;
      s.lastSuccess = now;
      if (s.firstSuccess == null) {
        s.firstSuccess = now;
      }
    } else {
      boolean inGrace = s.firstSuccess == null
          && now.isBefore((i.startedAt() == null ? now : i.startedAt()).plusSeconds(s.spec.gracePeriodSeconds()));
      s.lastFailure = now;
      s.lastFailureCause = r.cause() != null ? r.cause() : "HTTP status " + r.status();
      if (!inGrace) {
        s.consecutiveFailures++;
        s.alive = false;
        ObjectNode e = events.payload("failed_health_check_event").put("appId", app.id())
            .put("taskId", TaskFactory.instanceId(i.id())).put("instanceId", TaskFactory.instanceId(i.id()));
        e.set("healthCheck", s.spec.definition());
        events.publish(e);
      }
    }
    Boolean after = healthy(i.id()).orElse(null);
    if (after != null && !after.equals(before)) {
      events.publish(events.payload("health_status_changed_event").put("appId", app.id())
          .put("instanceId", TaskFactory.instanceId(i.id())).put("taskId", i.id()).put("version", i.version())
          .put("alive", after));
      events.publish(events.payload("instance_health_changed_event").put("instanceId", TaskFactory.instanceId(i.id()))
          .put("runSpecId", app.id()).put("runSpecVersion", i.version()).put("healthy", after));
    }
  }

  /** All checks alive: true; any failing: false; no result yet or no probed checks: empty. */
  Optional<Boolean> healthy(String taskId) {
    List<CheckState> states = checks.get(taskId);
    if (states == null || states.isEmpty()) {
      return Optional.empty();
    }
    boolean unknown = false;
    for (CheckState s : states) {
      if (Boolean.FALSE.equals(s.alive)) {
        return Optional.of(false);
      }
      unknown |= s.alive == null;
    }
    return unknown ? Optional.empty() : Optional.of(true);
  }

  boolean ready(String taskId) {
    ReadyState r = readiness.get(taskId);
    return r != null && r.ready;
  }

  /** The readiness result of a task for {@code /v2/deployments} ({@code name, taskId, ready, lastResponse}). */
  Optional<ObjectNode> readinessResult(String taskId, AppSpec app) {
    ReadyState r = readiness.get(taskId);
    if (r == null || r.last == null || app.readiness() == null) {
      return Optional.empty();
    }
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("name", app.readiness().name()).put("taskId", taskId)
        .put("ready", r.ready);
    if (app.readiness().preserveLastResponse() && r.last != null && r.last.connected()) {
      o.set("lastResponse", JsonNodeFactory.instance.objectNode().put("status", r.last.status())
          .put("contentType", r.last.contentType()).put("body", r.last.body()));
    }
    return Optional.of(o);
  }

  /** {@code healthCheckResults} of a task's JSON. */
  List<ObjectNode> results(String taskId) {
    List<ObjectNode> out = new ArrayList<>();
    for (CheckState s : checks.getOrDefault(taskId, List.of())) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("alive", Boolean.TRUE.equals(s.alive)).put("consecutiveFailures", s.consecutiveFailures)
          .put("firstSuccess", Timestamps.format(s.firstSuccess)).put("lastSuccess", Timestamps.format(s.lastSuccess))
          .put("lastFailure", Timestamps.format(s.lastFailure)).put("lastFailureCause", s.lastFailureCause)
          .put("instanceId", TaskFactory.instanceId(taskId)).put("taskId", taskId);
      out.add(o);
    }
    return out;
  }

  void forget(String taskId) {
    checks.remove(taskId);
    readiness.remove(taskId);
  }
}

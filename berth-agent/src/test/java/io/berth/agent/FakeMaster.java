package io.berth.agent;

import io.berth.api.agent.AgentRegistration;
import io.berth.api.agent.RegisterAgent;
import io.berth.api.agent.StatusUpdates;
import io.berth.api.agent.UpdatesAcknowledged;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.http.ErrorRenderer;
import io.berth.http.HttpServer;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.http.Routes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The master's internal agent endpoints, faked: records registrations, heartbeats and status updates, and can
 * answer 404 (unknown agent), 409 (removed agent) or 503 (not ready).
 */
final class FakeMaster implements AutoCloseable {
  private final HttpServer server;
  private final long heartbeatMillis;
  private final AtomicInteger nextId = new AtomicInteger();
  private final List<RegisterAgent> registrations = new ArrayList<>();
  private final List<String> heartbeats = new ArrayList<>();
  private final List<TaskStatus> received = new ArrayList<>();
  private final List<List<TaskStatus>> batches = new ArrayList<>();
  private final Set<String> known = new HashSet<>();
  private final Set<String> removed = new HashSet<>();
  private int unavailableRegistrations;
  private boolean acknowledging = true;

  FakeMaster(long heartbeatMillis) {
    this.heartbeatMillis = heartbeatMillis;
    this.server = HttpServer.start("127.0.0.1", 0, List.of(Routes.builder(ErrorRenderer.json())
        .post("/internal/agents/register", this::register)
        .post("/internal/agents/{id}/heartbeat", this::heartbeat)
        .post("/internal/agents/{id}/updates", this::updates)
        .build()));
  }

  String url() {
    return server.url();
  }

  private synchronized Response register(Request request) {
    RegisterAgent body = request.json(RegisterAgent.class);
    registrations.add(body);
    if (unavailableRegistrations > 0) {
      unavailableRegistrations--;
      throw BerthException.unavailable("not ready");
    }
    String id = body.agent().id();
    if (id != null && removed.contains(id)) {
      throw BerthException.conflict("agent " + id + " was removed from the cluster");
    }
    if (id == null) {
      id = "agent-" + nextId.incrementAndGet();
    }
    known.add(id);
    return Response.ok(new AgentRegistration(id, url(), heartbeatMillis));
  }

  private synchronized Response heartbeat(Request request) {
    String id = request.pathParam("id");
    heartbeats.add(id);
    if (!known.contains(id)) {
      throw BerthException.notFound("unknown agent " + id);
    }
    return Response.empty(200);
  }

  private synchronized Response updates(Request request) {
    String id = request.pathParam("id");
    if (!known.contains(id)) {
      throw new BerthException(ErrorCode.NOT_FOUND, "unknown agent " + id);
    }
    StatusUpdates body = request.json(StatusUpdates.class);
    received.addAll(body.updates());
    batches.add(body.updates());
    List<String> uuids = acknowledging ? body.updates().stream().map(TaskStatus::uuid).toList() : List.of();
    return Response.ok(new UpdatesAcknowledged(uuids));
  }

  // ---- controls ----

  synchronized void answerUnavailable(int registrations) {
    unavailableRegistrations = registrations;
  }

  synchronized void acknowledge(boolean ack) {
    acknowledging = ack;
  }

  /** Forgets an agent (a master failover that lost it): its heartbeats get 404. */
  synchronized void forget(String agentId) {
    known.remove(agentId);
  }

  /** Removes an agent from the cluster: heartbeats get 404, registration with its id gets 409. */
  synchronized void removeAgent(String agentId) {
    known.remove(agentId);
    removed.add(agentId);
  }

  // ---- what it saw ----

  synchronized List<RegisterAgent> registrations() {
    return List.copyOf(registrations);
  }

  synchronized int heartbeatCount() {
    return heartbeats.size();
  }

  /** Every update received, resends included, in order of arrival. */
  synchronized List<TaskStatus> received() {
    return List.copyOf(received);
  }

  /** Every request's updates, in order of arrival. */
  synchronized List<List<TaskStatus>> batches() {
    return List.copyOf(batches);
  }

  /** One task's updates, each uuid once, in order of first arrival. */
  synchronized List<TaskStatus> updatesOf(String taskId) {
    Map<String, TaskStatus> byUuid = new LinkedHashMap<>();
    received.stream().filter(s -> s.taskId().equals(taskId)).forEach(s -> byUuid.putIfAbsent(s.uuid(), s));
    return List.copyOf(byUuid.values());
  }

  List<TaskState> statesOf(String taskId) {
    return updatesOf(taskId).stream().map(TaskStatus::state).toList();
  }

  @Override
  public void close() {
    server.close();
  }
}

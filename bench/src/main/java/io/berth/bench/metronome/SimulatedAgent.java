package io.berth.bench.metronome;

import io.berth.api.agent.LaunchTasks;
import io.berth.api.agent.RegisterAgent;
import io.berth.api.agent.StatusUpdates;
import io.berth.api.cluster.AgentInfo;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.client.JsonHttp;
import io.berth.client.MasterClient;
import io.berth.common.id.IdGenerator;
import io.berth.common.time.Ticker;
import io.berth.http.ErrorRenderer;
import io.berth.http.HttpServer;
import io.berth.http.Response;
import io.berth.http.Routes;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A hollow agent: it speaks the agent protocol (register, heartbeats, launches, status updates) over real HTTP but
 * runs nothing. A launched task is reported TASK_RUNNING at once and TASK_FINISHED {@code taskMillis} later. It
 * notes when each task reached it (monotonic nanos), by task name (the job id for Metronome's tasks).
 */
final class SimulatedAgent implements AutoCloseable {
  record Launched(String taskId, String name, long atNanos) {}

  final List<Launched> launched = java.util.Collections.synchronizedList(new ArrayList<>());
  private final HttpServer server;
  private final MasterClient master;
  private final InstantSource clock;
  private final Ticker ticker;
  private final IdGenerator ids;
  private final long taskMillis;
  private final String ip;
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
      r -> Thread.ofPlatform().daemon().name("simulated-agent").unstarted(r));
  private final Map<String, TaskInfo> running = new ConcurrentHashMap<>();
  private final String agentId;

  SimulatedAgent(String ip, String masterUrl, InstantSource clock, Ticker ticker, IdGenerator ids, long taskMillis) {
    this.ip = ip;
    this.clock = clock;
    this.ticker = ticker;
    this.ids = ids;
    this.taskMillis = taskMillis;
    this.master = new MasterClient(new JsonHttp(Duration.ofSeconds(10)), masterUrl);
    server = HttpServer.start(ip, 0, List.of(Routes.builder(ErrorRenderer.text())
        .post("/internal/tasks", r -> {
          long at = ticker.nanos();
          LaunchTasks launch = r.json(LaunchTasks.class);
          launch.tasks().forEach(t -> launched.add(new Launched(t.id(), t.name(), at)));
          Thread.ofVirtual().start(() -> run(launch.tasks()));
          return Response.empty(202);
        })
        .post("/internal/tasks/{id}/kill", r -> {
          String id = r.pathParam("id");
          Thread.ofVirtual().start(() -> report(List.of(id), TaskState.TASK_KILLED));
          return Response.empty(202);
        })
        .build()));
    AgentInfo info = new AgentInfo(null, "simulated-" + ip, ip, server.port(),
        new Resources(64, 262_144, 1_000_000, 0, PortRanges.parse("[31000-32000]")), Map.of(), null, "bench");
    agentId = master.register(new RegisterAgent(info, List.of())).agentId();
    timers.scheduleWithFixedDelay(() -> {
      try {
        master.heartbeat(agentId);
      } catch (RuntimeException e) {
        // the master is busy; the next heartbeat comes
      }
    }, 500, 500, TimeUnit.MILLISECONDS);
  }

  private void run(List<TaskInfo> tasks) {
    tasks.forEach(t -> running.put(t.id(), t));
    List<String> ids = tasks.stream().map(TaskInfo::id).toList();
    report(ids, TaskState.TASK_RUNNING);
    timers.schedule(() -> Thread.ofVirtual().start(() -> report(ids, TaskState.TASK_FINISHED)), taskMillis, TimeUnit.MILLISECONDS);
  }

  private void report(List<String> taskIds, TaskState state) {
    List<TaskStatus> updates = new ArrayList<>();
    for (String id : taskIds) {
      updates.add(new TaskStatus(id, null, agentId, state, null, TaskStatus.Source.SOURCE_EXECUTOR, null, clock.instant(),
          ids.next(), null, "sim-" + id, state == TaskState.TASK_FINISHED ? 0 : null));
      if (state.isTerminal()) {
        running.remove(id);
      }
    }
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        master.sendUpdates(agentId, new StatusUpdates(updates));
        return;
      } catch (RuntimeException e) {
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
      }
    }
  }

  String ip() {
    return ip;
  }

  @Override
  public void close() {
    timers.shutdownNow();
    server.close();
  }
}

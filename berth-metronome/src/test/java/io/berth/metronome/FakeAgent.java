package io.berth.metronome;

import io.berth.api.agent.KillTask;
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
import io.berth.http.ErrorRenderer;
import io.berth.http.HttpServer;
import io.berth.http.Response;
import io.berth.http.Routes;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The agent side of the agent protocol for Metronome's component tests: it records launches and kills, reports the
 * statuses a test asks for (with {@code autoRun}, TASK_RUNNING right after a launch), answers kills with
 * TASK_KILLED, sends heartbeats and registers again with its tasks when the master changes.
 */
final class FakeAgent implements AutoCloseable {
  final BlockingQueue<TaskInfo> launched = new LinkedBlockingQueue<>();
  final BlockingQueue<String> killed = new LinkedBlockingQueue<>();
  final Map<String, TaskInfo> tasks = new ConcurrentHashMap<>();
  final Map<String, TaskState> states = new ConcurrentHashMap<>();
  private final List<TaskStatus> pending = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final InstantSource clock;
  private final HttpServer server;
  private final JsonHttp http = new JsonHttp(Duration.ofSeconds(5));
  private final Map<String, String> attributes;
  private final java.util.concurrent.ScheduledExecutorService heartbeats =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
  volatile boolean autoRun = true;
  private volatile MasterClient master;
  private volatile String agentId;

  FakeAgent(InstantSource clock, Map<String, String> attributes) {
    this.clock = clock;
    this.attributes = attributes;
    server = HttpServer.start("127.0.0.1", 0, List.of(Routes.builder(ErrorRenderer.text())
        .post("/internal/tasks", r -> {
          LaunchTasks launch = r.json(LaunchTasks.class);
          Thread.ofVirtual().start(() -> launch.tasks().forEach(this::onLaunch));
          return Response.empty(202);
        })
        .post("/internal/tasks/{id}/kill", r -> {
          KillTask kill = r.json(KillTask.class);
          killed.add(kill.taskId());
          Thread.ofVirtual().start(() -> report(kill.taskId(), TaskState.TASK_KILLED));
          return Response.empty(202);
        })
        .build()));
    heartbeats.scheduleWithFixedDelay(() -> {
      try {
        MasterClient m = master;
        if (m != null && agentId != null) {
          m.heartbeat(agentId);
        }
        flush();
      } catch (RuntimeException e) {
        // the master is away or restarting; connect() registers again
      }
    }, 300, 300, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** Registers with a (new) master, with the tasks it runs. */
  void connect(String masterUrl) {
    MasterClient m = new MasterClient(http, masterUrl);
    List<RegisterAgent.RunningTask> running = new ArrayList<>();
    tasks.forEach((id, t) -> running.add(new RegisterAgent.RunningTask(t, states.get(id))));
    agentId = m.register(new RegisterAgent(info(), running)).agentId();
    master = m;
  }

  AgentInfo info() {
    return new AgentInfo(agentId, "fake-agent", "127.0.0.1", server.port(),
        new Resources(4, 4096, 10_000, 0, PortRanges.parse("[31000-31099]")), attributes, null, "test");
  }

  private void onLaunch(TaskInfo task) {
    tasks.put(task.id(), task);
    states.put(task.id(), TaskState.TASK_STAGING);
    launched.add(task);
    if (autoRun) {
      report(task.id(), TaskState.TASK_RUNNING);
    }
  }

  /** Reports a status; like a real agent it keeps the update and resends it until a master takes it. */
  void report(String taskId, TaskState state) {
    states.put(taskId, state);
    pending.add(new TaskStatus(taskId, null, agentId, state, null, TaskStatus.Source.SOURCE_EXECUTOR, null, clock.instant(),
        UUID.randomUUID().toString(), null, "c-" + taskId,
        state == TaskState.TASK_FINISHED ? Integer.valueOf(0) : state == TaskState.TASK_FAILED ? 1 : null));
    flush();
  }

  private synchronized void flush() {
    MasterClient m = master;
    if (m == null || pending.isEmpty()) {
      return;
    }
    try {
      List<TaskStatus> sent = List.copyOf(pending);
      m.sendUpdates(agentId, new StatusUpdates(sent));
      pending.removeAll(sent);
    } catch (RuntimeException e) {
      // no master right now: the heartbeat timer sends them again
    }
  }

  @Override
  public void close() {
    heartbeats.shutdownNow();
    server.close();
  }
}

package io.berth.agent.task;

import io.berth.agent.EventLoop;
import io.berth.agent.checkpoint.CheckpointedTask;
import io.berth.agent.runtime.ContainerException;
import io.berth.agent.runtime.ContainerRuntime;
import io.berth.api.cluster.HealthCheckInfo;
import io.berth.api.cluster.TaskState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Agent-side health checks (Mesos {@code HealthCheck}: HTTP, HTTPS, TCP against the agent's address, COMMAND under
 * {@code /bin/sh -c} inside the task's container, as Mesos runs it: {@link ContainerRuntime#exec}, with the task's
 * environment and working directory). Owned by the agent's loop; probes run on I/O threads. Reports
 * every change of health, and asks for a kill after {@code consecutiveFailures} failures past the grace period.
 */
final class HealthChecks {
  /** What the checks tell the task runner. */
  interface Listener {
    void healthChanged(String taskId, boolean healthy);

    void unhealthy(String taskId, String why);
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final EventLoop loop;
  private final InstantSource clock;
  private final String host;
  private final ContainerRuntime runtime;
  private final Function<String, CheckpointedTask> tasks;
  private final Listener listener;
  private final Map<String, State> states = new HashMap<>();

  private static final class State {
    final HealthCheckInfo check;
    final Map<String, String> env;
    final Instant startedAt;
    Boolean healthy;
    boolean succeededOnce;
    int failures;

    State(HealthCheckInfo check, Map<String, String> env, Instant startedAt) {
      this.check = check;
      this.env = env;
      this.startedAt = startedAt;
    }
  }

  HealthChecks(EventLoop loop, InstantSource clock, String host, ContainerRuntime runtime,
      Function<String, CheckpointedTask> tasks, Listener listener) {
    this.loop = loop;
    this.clock = clock;
    this.host = host;
    this.runtime = runtime;
    this.tasks = tasks;
    this.listener = listener;
  }

  /** Starts checking a running task that has a health check. */
  void watch(CheckpointedTask task, Map<String, String> env) {
    HealthCheckInfo check = task.task().healthCheck();
    if (check == null) {
      return;
    }
    states.put(task.id(), new State(check, env == null ? Map.of() : env, clock.instant()));
    loop.schedule(millis(check.delaySeconds()), () -> probe(task.id()));
  }

  private static Duration millis(double seconds) {
    return Duration.ofMillis(Math.max(0, Math.round(seconds * 1000)));
  }

  private void probe(String id) {
    State s = states.get(id);
    CheckpointedTask task = tasks.apply(id);
    if (s == null || task == null || task.state() != TaskState.TASK_RUNNING || task.killRequested()) {
      states.remove(id);
      return;
    }
    List<Long> ports = task.task().resources().ports().lowest(64);
    loop.io("health-" + id, () -> {
      String failure = run(s.check, ports, s.env, task.containerId());
      loop.execute(() -> result(id, s, failure));
    });
  }

  private void result(String id, State s, String failure) {
    if (states.get(id) != s) {
      return;
    }
    Instant now = clock.instant();
    if (failure == null) {
      s.succeededOnce = true;
      s.failures = 0;
      if (!Boolean.TRUE.equals(s.healthy)) {
        s.healthy = true;
        listener.healthChanged(id, true);
      }
    } else if (s.succeededOnce || !now.isBefore(s.startedAt.plus(millis(s.check.gracePeriodSeconds())))) {
      s.failures++;
      if (!Boolean.FALSE.equals(s.healthy)) {
        s.healthy = false;
        listener.healthChanged(id, false);
      }
      if (s.failures >= Math.max(1, s.check.consecutiveFailures())) {
        states.remove(id);
        listener.unhealthy(id, "Health check failed " + s.failures + " times: " + failure);
        return;
      }
    }
    loop.schedule(millis(Math.max(0.1, s.check.intervalSeconds())), () -> probe(id));
  }

  /** Runs one probe; null on success, else why it failed. */
  private String run(HealthCheckInfo c, List<Long> ports, Map<String, String> env, String containerId) {
    long port = c.port() != null ? c.port() : c.portIndex() != null && c.portIndex() < ports.size() ? ports.get(c.portIndex()) : -1;
    long timeoutMs = Math.max(100, Math.round(c.timeoutSeconds() * 1000));
    try {
      switch (c.type()) {
        case HTTP, HTTPS -> {
          if (port < 0) {
            return "no port to check";
          }
          String path = c.path() == null || c.path().isEmpty() ? "/" : c.path();
          HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create((c.type() == HealthCheckInfo.Type.HTTPS ? "https" : "http")
              + "://" + host + ":" + port + (path.startsWith("/") ? path : "/" + path))).timeout(Duration.ofMillis(timeoutMs))
              .GET().build(), HttpResponse.BodyHandlers.discarding());
          return r.statusCode() >= 200 && r.statusCode() < 400 ? null : "HTTP status " + r.statusCode();
        }
        case TCP -> {
          if (port < 0) {
            return "no port to check";
          }
          try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, (int) port), (int) timeoutMs);
          }
          return null;
        }
        case COMMAND -> {
          String sandbox = env.get("MESOS_DIRECTORY");
          Process p = runtime.exec(containerId, List.of("/bin/sh", "-c", c.command()), env,
              sandbox == null ? null : java.nio.file.Path.of(sandbox));
          p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
          if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            return "command timed out";
          }
          return p.exitValue() == 0 ? null : "command exited with " + p.exitValue();
        }
      }
      return "unknown check type";
    } catch (IOException | IllegalArgumentException | ContainerException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}

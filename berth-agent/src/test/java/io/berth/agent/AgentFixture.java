package io.berth.agent;

import static org.awaitility.Awaitility.await;

import io.berth.agent.runtime.ContainerRuntime;
import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.FakeRuntime;
import io.berth.api.agent.KillTask;
import io.berth.api.agent.LaunchTasks;
import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.FrameworkInfo;
import io.berth.api.cluster.PortRange;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.client.AgentClient;
import io.berth.client.JsonHttp;
import io.berth.common.id.IdGenerator;
import io.berth.testkit.TestClock;
import org.awaitility.Awaitility;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** An agent on FakeRuntime registered with a {@link FakeMaster}, and helpers to drive it. */
final class AgentFixture implements AutoCloseable {
  static final FrameworkInfo FRAMEWORK =
      new FrameworkInfo("fw-1", "marathon", "root", "slave_public", 0, true, "master", null, null, List.of());
  static final Resources AGENT_RESOURCES =
      new Resources(4, 4096, 10000, 0, PortRanges.of(new PortRange(31000, 31100)));
  static final Duration WAIT = Duration.ofSeconds(10);

  static {
    Awaitility.setDefaultPollDelay(Duration.ZERO);
    Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
  }

  final Path workDir;
  final FakeRuntime runtime = new FakeRuntime();
  /** The runtime the agent uses: {@link #runtime} unless a test gives another. */
  final ContainerRuntime agentRuntime;
  final FakeMaster master = new FakeMaster(50);
  final SwitchableLeader leader = new SwitchableLeader(master.url());
  final TestClock clock = new TestClock();
  final IdGenerator ids = IdGenerator.sequential("id");
  private HttpClient raw;
  AgentClient client;
  AgentModule agent;

  AgentFixture(Path workDir) {
    this(workDir, null);
  }

  AgentFixture(Path workDir, ContainerRuntime agentRuntime) {
    this.workDir = workDir;
    this.agentRuntime = agentRuntime == null ? runtime : agentRuntime;
    newClient();
  }

  /** A fresh client: the old one's idle connections would hold up the agent's HTTP server when it stops. */
  private void newClient() {
    if (raw != null) {
      raw.shutdownNow();
      try {
        raw.awaitTermination(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    client = new AgentClient(new JsonHttp(raw, Duration.ofSeconds(5)));
  }

  AgentConfig config() {
    return AgentConfig.defaults(workDir).withPort(0).withHostname("agent-host").withResources(AGENT_RESOURCES)
        .withRegistrationBackoff(new Backoff(Duration.ofMillis(10), Duration.ofMillis(100)))
        .withHeartbeatInterval(Duration.ofMillis(50)).withDefaultKillGracePeriod(Duration.ofMillis(200))
        .withMasterRequestTimeout(Duration.ofSeconds(2));
  }

  /** Starts the agent and waits until it is registered. */
  AgentFixture start() {
    agent = new AgentModule(config(), agentRuntime, leader, clock, ids);
    agent.start();
    await().atMost(WAIT).until(agent::registered);
    return this;
  }

  /** Stops the agent (containers keep running in the same FakeRuntime) and starts a new one on the same dir. */
  AgentFixture restart() {
    stop();
    return start();
  }

  /** Stops the agent; its containers keep running in the same FakeRuntime. */
  void stop() {
    newClient();
    agent.close();
  }

  String url() {
    return agent.url();
  }

  static TaskInfo task(String id, String shell) {
    return new TaskInfo(id, id, null, null, new Resources(0.5, 64, 0, 0, PortRanges.NONE), CommandInfo.shell(shell),
        List.of(), Map.of(), 0);
  }

  void launch(TaskInfo... tasks) {
    client.launch(url(), new LaunchTasks(FRAMEWORK, Arrays.asList(tasks)));
  }

  void kill(String taskId, Double graceSeconds) {
    client.kill(url(), new KillTask(taskId, graceSeconds));
  }

  /** The container of a task, once it was started. */
  ContainerSpec containerOf(String taskId) {
    return await().atMost(WAIT).until(() -> runtime.specOfTask(taskId), o -> o.isPresent()).orElseThrow();
  }

  /** Waits until the master has received exactly these states of a task, in this order. */
  void awaitStates(String taskId, TaskState... states) {
    List<TaskState> expected = List.of(states);
    await().atMost(WAIT).until(() -> master.statesOf(taskId), expected::equals);
  }

  HttpResponse<String> get(String pathAndQuery) {
    return send("GET", pathAndQuery, null);
  }

  HttpResponse<String> post(String path, String body) {
    return send("POST", path, body);
  }

  /** A raw request: the path goes on the wire exactly as given (no normalisation, no re-encoding). */
  HttpResponse<String> send(String method, String pathAndQuery, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url() + pathAndQuery))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5)).build();
    try {
      return raw.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    newClient();
    if (agent != null) {
      agent.close();
    }
    master.close();
  }
}

package io.berth.marathon;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.agent.AgentConfig;
import io.berth.agent.AgentModule;
import io.berth.agent.runtime.FakeRuntime;
import io.berth.api.cluster.FaultDomain;
import io.berth.api.cluster.PortRange;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.client.JsonHttp;
import io.berth.common.id.IdGenerator;
import io.berth.common.json.Json;
import io.berth.common.time.SystemTime;
import io.berth.master.LeaderContext;
import io.berth.master.LeaderService;
import io.berth.master.MasterConfig;
import io.berth.master.MasterModule;
import io.berth.state.election.InMemoryElection;
import io.berth.state.store.InMemoryStateStore;
import io.berth.testkit.FreePorts;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Marathon on a real master (real HTTP, in-memory store and election) with agents on {@link FakeRuntime}: the
 * component under test wired as the node wires it, for tests that need tasks to launch.
 */
final class MarathonCluster implements AutoCloseable {
  final InMemoryStateStore store = new InMemoryStateStore();
  final InMemoryElection election = new InMemoryElection();
  final JsonHttp http = new JsonHttp(Duration.ofSeconds(10));
  final List<FakeRuntime> runtimes = new ArrayList<>();
  final List<AgentModule> agents = new ArrayList<>();
  final Path dir;
  final int port = FreePorts.next();
  MasterModule master;
  MarathonService marathon;
  Duration unreachableAfter = Duration.ofSeconds(15);

  record Answer(int status, JsonNode body, Map<String, List<String>> headers, String text) {}

  MarathonCluster(Path dir) {
    this.dir = dir;
  }

  static MarathonCluster start(Path dir, int agentCount) {
    return start(dir, agentCount, Duration.ofSeconds(15));
  }

  /** A cluster whose master declares agents unreachable after {@code unreachableAfter} without heartbeats. */
  static MarathonCluster start(Path dir, int agentCount, Duration unreachableAfter) {
    MarathonCluster c = new MarathonCluster(dir);
    c.unreachableAfter = unreachableAfter;
    c.startMaster();
    for (int i = 0; i < agentCount; i++) {
      c.addAgent("agent-" + (i + 1), Map.of("rack", "r" + (i % 2)), new Resources(4, 4096, 10_000, 0,
          PortRanges.of(new PortRange(31000 + i * 1000L, 31999 + i * 1000L))));
    }
    if (agentCount > 0) {
      await().atMost(Duration.ofSeconds(10)).until(() -> c.master.publisher().current().agents().size() == agentCount);
    }
    return c;
  }

  void startMaster() {
    MasterConfig d = MasterConfig.defaults("127.0.0.1", port);
    MasterConfig config = new MasterConfig("127.0.0.1", "127.0.0.1", port, unreachableAfter, Duration.ofMinutes(10),
        Duration.ofSeconds(10), Duration.ofMillis(200), d.frameworkHeartbeatInterval(), Duration.ofSeconds(1),
        Duration.ofMillis(200));
    IdGenerator ids = IdGenerator.random();
    master = new MasterModule(config, store, election.participant(config.url()), SystemTime.wallClock(), SystemTime.ticker(), ids);
    marathon = new MarathonService(MarathonConfig.defaults("127.0.0.1"), master.publisher(), SystemTime.wallClock(), ids,
        master::leaderUrl).abdicateWith(master::abdicate);
    master.withLeaderService(new LeaderService() {
      @Override
      public void start(LeaderContext context) {
        marathon.start(context.scheduler(), context.state());
      }

      @Override
      public void stop() {
        marathon.stop();
      }
    }).withRoutes(leadership -> marathon.routes());
    master.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> master.isLeader() && marathon.scheduler().leading());
  }

  /** A second master on the same store and election: it follows, so its Marathon API proxies to the leader. */
  record Follower(MasterModule master, MarathonService marathon, String url) implements AutoCloseable {
    @Override
    public void close() {
      marathon.close();
      master.close();
    }
  }

  Follower startFollower() {
    int followerPort = FreePorts.next();
    MasterConfig config = MasterConfig.defaults("127.0.0.1", followerPort);
    MasterModule m = new MasterModule(config, store, election.participant(config.url()), SystemTime.wallClock(),
        SystemTime.ticker(), IdGenerator.random());
    MarathonService s = new MarathonService(MarathonConfig.defaults("127.0.0.1"), m.publisher(), SystemTime.wallClock(),
        IdGenerator.random(), m::leaderUrl);
    m.withRoutes(leadership -> s.routes());
    m.start();
    return new Follower(m, s, "http://127.0.0.1:" + followerPort);
  }

  /** Stops the master and starts a new one on the same store (a master restart). */
  void restartMaster() {
    marathon.close();
    master.close();
    startMaster();
  }

  void addAgent(String hostname, Map<String, String> attributes, Resources resources) {
    FakeRuntime runtime = new FakeRuntime();
    AgentConfig config = new AgentConfig(hostname, "127.0.0.1", 0, dir.resolve(hostname), resources, attributes,
        new FaultDomain("region-1", "zone-" + (agents.size() % 2)), Duration.ofMillis(200), null,
        Duration.ofSeconds(1), null);
    AgentModule agent = new AgentModule(config, runtime, election.detector(), SystemTime.wallClock(), IdGenerator.random());
    agent.start();
    runtimes.add(runtime);
    agents.add(agent);
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  Answer call(String method, String path, Object body) {
    return call(method, path, body, Map.of());
  }

  Answer call(String method, String path, Object body, Map<String, String> headers) {
    Object payload = body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : body;
    HttpResponse<byte[]> r = http.exchange(method, url() + path, payload, headers, HttpResponse.BodyHandlers.ofByteArray());
    String text = new String(r.body(), StandardCharsets.UTF_8);
    JsonNode json = null;
    try {
      json = text.isBlank() ? null : Json.tree(r.body());
    } catch (RuntimeException e) {
      // not JSON
    }
    return new Answer(r.statusCode(), json, r.headers().map(), text);
  }

  JsonNode get(String path) {
    Answer a = call("GET", path, null);
    if (a.status() != 200) {
      throw new AssertionError("GET " + path + " answered " + a.status() + ": " + a.text());
    }
    return a.body();
  }

  /** The running task ids of an app. */
  List<String> running(String appId) {
    List<String> out = new ArrayList<>();
    get("/v2/apps" + appId + "/tasks").path("tasks").forEach(t -> {
      if (t.path("state").asText().equals("TASK_RUNNING")) {
        out.add(t.path("id").asText());
      }
    });
    return out;
  }

  boolean noDeployments() {
    return get("/v2/deployments").isEmpty();
  }

  /** The container spec an agent started for a task. */
  io.berth.agent.runtime.ContainerSpec specOf(String taskId) {
    for (FakeRuntime r : runtimes) {
      var spec = r.specOfTask(taskId);
      if (spec.isPresent()) {
        return spec.get();
      }
    }
    throw new AssertionError("no runtime runs " + taskId);
  }

  @Override
  public void close() {
    agents.forEach(AgentModule::close);
    if (marathon != null) {
      marathon.close();
    }
    if (master != null) {
      master.close();
    }
  }
}

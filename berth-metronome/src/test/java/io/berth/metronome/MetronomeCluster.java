package io.berth.metronome;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.client.JsonHttp;
import io.berth.common.id.IdGenerator;
import io.berth.common.json.Json;
import io.berth.common.time.SystemTime;
import io.berth.master.MasterConfig;
import io.berth.master.MasterModule;
import io.berth.state.election.InMemoryElection;
import io.berth.state.image.ClusterImage;
import io.berth.state.store.InMemoryStateStore;
import io.berth.testkit.FreePorts;
import io.berth.testkit.TestClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A master with Metronome for component tests: real HTTP, the real master (in-memory state store and election),
 * a {@link FakeAgent}, and a testing clock for every timestamp, cron and deadline. {@link #restart} replaces the
 * master by a new one on the same store, as a failover does.
 */
final class MetronomeCluster implements AutoCloseable {
  final TestClock clock;
  final InMemoryStateStore store = new InMemoryStateStore();
  final InMemoryElection election = new InMemoryElection();
  final FakeAgent agent;
  final JsonHttp http = new JsonHttp(Duration.ofSeconds(10));
  MasterModule master;
  MetronomeModule metronome;

  record Answer(int status, JsonNode body, String text) {}

  MetronomeCluster(Instant start, Map<String, String> agentAttributes) {
    clock = new TestClock(start);
    agent = new FakeAgent(clock, agentAttributes);
    startMaster();
  }

  void startMaster() {
    int port = FreePorts.next();
    MasterConfig d = MasterConfig.defaults("127.0.0.1", port);
    MasterConfig config = new MasterConfig("master", "127.0.0.1", port, Duration.ofSeconds(15), Duration.ofMinutes(10),
        Duration.ofSeconds(30), Duration.ofMillis(50), d.frameworkHeartbeatInterval(), Duration.ofMillis(500),
        Duration.ofMillis(300));
    IdGenerator ids = IdGenerator.random();
    master = new MasterModule(config, store, election.participant(config.url()), clock, SystemTime.ticker(), ids);
    metronome = new MetronomeModule(master.publisher(), clock, SystemTime.ticker(), ids,
        new MetronomeConfig(5, Duration.ofSeconds(1), Duration.ofMillis(20), Duration.ofSeconds(30), Duration.ofSeconds(10)));
    master.withLeaderService(metronome.leaderService()).withRoutes(metronome::routes);
    master.start();
    await().until(master::isLeader);
    agent.connect(master.url());
  }

  /** Stops the master: no leader until {@link #startMaster}. */
  void stopMaster() {
    master.close();
  }

  /** Stops this master and starts another on the same state, as a failover to a new leader does. */
  void restart() {
    master.close();
    startMaster();
  }

  ClusterImage image() {
    return master.publisher().current();
  }

  Answer call(String method, String path, String body) {
    HttpResponse<byte[]> r = http.exchange(method, master.url() + path,
        body == null ? null : body.replace('\'', '"').getBytes(StandardCharsets.UTF_8), Map.of(),
        HttpResponse.BodyHandlers.ofByteArray());
    String text = new String(r.body(), StandardCharsets.UTF_8);
    JsonNode json = null;
    if (text.startsWith("{") || text.startsWith("[")) {
      json = Json.tree(r.body());
    }
    return new Answer(r.statusCode(), json, text);
  }

  JsonNode ok(String method, String path, String body) {
    Answer a = call(method, path, body);
    if (a.status() / 100 != 2) {
      throw new AssertionError(method + " " + path + " answered " + a.status() + ": " + a.text());
    }
    return a.body();
  }

  @Override
  public void close() {
    master.close();
    agent.close();
  }
}

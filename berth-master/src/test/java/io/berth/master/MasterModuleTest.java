package io.berth.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.api.agent.AgentRegistration;
import io.berth.api.agent.RegisterAgent;
import io.berth.api.agent.StatusUpdates;
import io.berth.api.agent.UpdatesAcknowledged;
import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.FrameworkInfo;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.client.ApiException;
import io.berth.client.JsonHttp;
import io.berth.client.MasterClient;
import io.berth.common.error.BerthException;
import io.berth.common.id.IdGenerator;
import io.berth.common.json.Json;
import io.berth.framework.Filters;
import io.berth.framework.Offer;
import io.berth.framework.Operation;
import io.berth.framework.SchedulerCall;
import io.berth.framework.SchedulerConnection;
import io.berth.framework.SchedulerEvent;
import io.berth.framework.http.HttpSchedulerClient;
import io.berth.state.election.InMemoryElection;
import io.berth.state.store.InMemoryStateStore;
import io.berth.testkit.FreePorts;
import io.berth.testkit.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The master as one component: real HTTP, in-memory state store and election, a fake agent endpoint. */
class MasterModuleTest {
  private final TestClock clock = new TestClock();
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final InMemoryElection election = new InMemoryElection();
  private final JsonHttp http = new JsonHttp(Duration.ofSeconds(5));
  private final FakeAgentEndpoint agent = new FakeAgentEndpoint();
  private MasterConfig config;
  private MasterModule master;
  private MasterClient masterClient;

  @BeforeEach
  void start() {
    int port = FreePorts.next();
    MasterConfig d = MasterConfig.defaults("127.0.0.1", port);
    config = new MasterConfig("master", "127.0.0.1", port, Duration.ofSeconds(15), Duration.ofMinutes(10),
        Duration.ofSeconds(30), Duration.ofMillis(50), d.frameworkHeartbeatInterval(), Duration.ofMillis(200),
        d.agentHeartbeatInterval());
    master = startMaster();
    masterClient = new MasterClient(http, master.url());
  }

  private MasterModule startMaster() {
    MasterModule m = new MasterModule(config, store, election.participant(config.url()), clock, clock,
        IdGenerator.sequential("id" + System.nanoTime()));
    m.start();
    await().until(m::isLeader);
    return m;
  }

  @AfterEach
  void stop() {
    master.close();
    agent.close();
  }

  private String registerAgent() {
    AgentRegistration reg = masterClient.register(new RegisterAgent(agent.info(null), List.of()));
    assertThat(reg.heartbeatIntervalMillis()).isEqualTo(1000);
    return reg.agentId();
  }

  private FrameworkInfo framework() {
    return new FrameworkInfo(null, "test-framework", "root", "*", 60, true, null, null, null, List.of());
  }

  private TaskInfo task(String id, Offer offer, double cpus) {
    return new TaskInfo(id, id, offer.frameworkId(), offer.agentId(),
        new Resources(cpus, 64, 0, 0, PortRanges.ofPorts(offer.resources().ports().lowest(1))),
        CommandInfo.shell("sleep 100"), List.of("http"), Map.of(), 2);
  }

  private SchedulerConnection subscribe(RecordingScheduler events) {
    return new HttpSchedulerClient(http, master.url()).subscribe(framework(), events);
  }

  /** ACCEPT of {@code offer} with one task, {@code taskId} of 1 cpu; waits for the master's answer. */
  private void launch(SchedulerConnection fw, Offer offer, String taskId) throws Exception {
    fw.call(new SchedulerCall.Accept(List.of(offer.id()), List.of(new Operation.Launch(List.of(task(taskId, offer, 1)))),
        Filters.NONE)).get(5, TimeUnit.SECONDS);
  }

  private TaskStatus agentStatus(String taskId, String agentId, TaskState state, String uuid) {
    return new TaskStatus(taskId, null, agentId, state, null, TaskStatus.Source.SOURCE_EXECUTOR, null, clock.instant(),
        uuid, null, "c-" + taskId, null);
  }

  @Test
  void launchesATaskAndDeliversItsUpdatesUntilAcknowledged() throws Exception {
    String agentId = registerAgent();
    RecordingScheduler events = new RecordingScheduler();
    SchedulerConnection fw = subscribe(events);
    assertThat(events.await(SchedulerEvent.Subscribed.class).frameworkId()).isEqualTo(fw.frameworkId());
    Offer offer = events.await(SchedulerEvent.Offers.class).offers().getFirst();
    assertThat(offer.agentId()).isEqualTo(agentId);
    assertThat(offer.resources().cpus()).isEqualTo(4);
    assertThat(offer.attributes()).containsEntry("rack", "r1");

    launch(fw, offer, "t1");
    var launch = agent.launches.poll(5, TimeUnit.SECONDS);
    assertThat(launch).isNotNull();
    assertThat(launch.tasks()).singleElement().satisfies(t -> {
      assertThat(t.id()).isEqualTo("t1");
      assertThat(t.frameworkId()).isEqualTo(fw.frameworkId());
      assertThat(t.portNames()).containsExactly("http");
    });

    UpdatesAcknowledged acks = masterClient.sendUpdates(agentId, new StatusUpdates(List.of(
        agentStatus("t1", agentId, TaskState.TASK_STARTING, "u1"), agentStatus("t1", agentId, TaskState.TASK_RUNNING, "u2"))));
    assertThat(acks.uuids()).containsExactly("u1", "u2");
    SchedulerEvent.Update running = events.await(SchedulerEvent.Update.class, u -> u.status().state() == TaskState.TASK_RUNNING);
    assertThat(running.status().uuid()).isEqualTo("u2");
    // a duplicate is acknowledged again but not stored twice
    assertThat(masterClient.sendUpdates(agentId, new StatusUpdates(List.of(agentStatus("t1", agentId, TaskState.TASK_RUNNING, "u2")))).uuids())
        .containsExactly("u2");

    // unacknowledged updates are resent
    int before = (int) events.events.stream().filter(e -> e instanceof SchedulerEvent.Update u && "u2".equals(u.status().uuid())).count();
    await().until(() -> events.events.stream().filter(e -> e instanceof SchedulerEvent.Update u && "u2".equals(u.status().uuid())).count() > before);
    fw.call(new SchedulerCall.Acknowledge(agentId, "t1", "u2")).get(5, TimeUnit.SECONDS);
    await().until(() -> master.publisher().current().task("t1").orElseThrow().acknowledged());

    JsonNode state = Json.tree(http.getBytes(master.url() + "/mesos/master/state"));
    assertThat(state.path("slaves").get(0).path("id").asText()).isEqualTo(agentId);
    assertThat(state.path("slaves").get(0).path("used_resources").path("cpus").asDouble()).isEqualTo(1.0);
    JsonNode fwJson = state.path("frameworks").get(0);
    assertThat(fwJson.path("name").asText()).isEqualTo("test-framework");
    assertThat(fwJson.path("tasks").get(0).path("state").asText()).isEqualTo("TASK_RUNNING");
    assertThat(fwJson.path("tasks").get(0).path("statuses")).hasSize(2);
    JsonNode summary = Json.tree(http.getBytes(master.url() + "/master/state-summary"));
    assertThat(summary.path("slaves").get(0).path("TASK_RUNNING").asInt()).isEqualTo(1);
    assertThat(Json.tree(http.getBytes(master.url() + "/master/tasks")).path("tasks")).hasSize(1);

    fw.call(new SchedulerCall.Kill("t1", agentId, 1.5)).get(5, TimeUnit.SECONDS);
    var kill = agent.kills.poll(5, TimeUnit.SECONDS);
    assertThat(kill).isNotNull();
    assertThat(kill.taskId()).isEqualTo("t1");
    assertThat(kill.gracePeriodSeconds()).isEqualTo(1.5);
    fw.close();
  }

  @Test
  void aLaunchTheAgentRefusesEndsDropped() throws Exception {
    registerAgent();
    RecordingScheduler events = new RecordingScheduler();
    SchedulerConnection fw = subscribe(events);
    Offer offer = events.await(SchedulerEvent.Offers.class).offers().getFirst();
    agent.refuseLaunches = BerthException.unavailable("This agent is stopping all its tasks and takes no new ones");

    launch(fw, offer, "t1");

    TaskStatus dropped = events.await(SchedulerEvent.Update.class,
        u -> u.status().taskId().equals("t1") && u.status().state().isTerminal()).status();
    assertThat(dropped.state()).isEqualTo(TaskState.TASK_DROPPED);
    assertThat(dropped.message()).contains("could not be reached to launch the task").contains("503")
        .contains("takes no new ones");
    assertThat(master.publisher().current().task("t1")).hasValueSatisfying(t ->
        assertThat(t.state()).isEqualTo(TaskState.TASK_DROPPED));
    fw.close();
  }

  @Test
  void invalidLaunchesAreRefusedWithUpdatesAndNothingIsStored() throws Exception {
    registerAgent();
    RecordingScheduler events = new RecordingScheduler();
    SchedulerConnection fw = subscribe(events);
    Offer offer = events.await(SchedulerEvent.Offers.class).offers().getFirst();
    TaskInfo tooBig = task("big", offer, 64);
    TaskInfo noCommand = new TaskInfo("nocmd", "nocmd", null, offer.agentId(), Resources.of(0.1, 32),
        new CommandInfo(true, " ", List.of(), Map.of(), null, List.of()), List.of(), Map.of(), 1);
    fw.call(new SchedulerCall.Accept(List.of(offer.id()), List.of(new Operation.Launch(List.of(tooBig, noCommand))),
        Filters.NONE)).get(5, TimeUnit.SECONDS);
    assertThat(events.await(SchedulerEvent.Update.class, u -> u.status().taskId().equals("big")).status().state())
        .isEqualTo(TaskState.TASK_ERROR);
    assertThat(events.await(SchedulerEvent.Update.class, u -> u.status().taskId().equals("nocmd")).status().message())
        .contains("command");
    fw.call(new SchedulerCall.Accept(List.of("no-such-offer"), List.of(new Operation.Launch(List.of(task("t2", offer, 1)))),
        Filters.NONE)).get(5, TimeUnit.SECONDS);
    assertThat(events.await(SchedulerEvent.Update.class, u -> u.status().taskId().equals("t2")).status().state())
        .isEqualTo(TaskState.TASK_DROPPED);
    assertThat(master.publisher().current().tasks()).isEmpty();
    assertThat(agent.launches).isEmpty();
    fw.close();
  }

  /**
   * An agent that stopped after it started a task's container but before it checkpointed the task discards the
   * container as an orphan and comes back without the task: the master launches it again (it is STAGING there); a task
   * the agent had reported and does not report any more is lost.
   */
  @Test
  void aReturningAgentThatDoesNotKnowAStagingTaskGetsItsLaunchAgain() throws Exception {
    String agentId = registerAgent();
    RecordingScheduler events = new RecordingScheduler();
    SchedulerConnection fw = subscribe(events);
    for (String id : List.of("started", "staged")) {
      double cpusLeft = id.equals("started") ? 4 : 3;
      Offer offer = events.await(SchedulerEvent.Offers.class, o -> o.offers().getFirst().resources().cpus() == cpusLeft)
          .offers().getFirst();
      launch(fw, offer, id);
      assertThat(agent.launches.poll(5, TimeUnit.SECONDS)).isNotNull();
    }
    masterClient.sendUpdates(agentId, new StatusUpdates(List.of(agentStatus("started", agentId, TaskState.TASK_STARTING, "u1"))));

    masterClient.register(new RegisterAgent(agent.info(agentId), List.of()));

    var again = agent.launches.poll(5, TimeUnit.SECONDS);
    assertThat(again).isNotNull();
    assertThat(again.tasks()).extracting(TaskInfo::id).containsExactly("staged");
    assertThat(events.await(SchedulerEvent.Update.class, u -> u.status().taskId().equals("started")
        && u.status().state() == TaskState.TASK_LOST).status().reason()).isEqualTo(TaskStatus.Reason.REASON_RECONCILIATION);
    assertThat(master.publisher().current().task("staged").orElseThrow().state()).isEqualTo(TaskState.TASK_STAGING);
    fw.close();
  }

  @Test
  void silentAgentsBecomeUnreachableThenComeBackOrAreRemoved() throws Exception {
    String agentId = registerAgent();
    RecordingScheduler events = new RecordingScheduler();
    SchedulerConnection fw = subscribe(events);
    Offer offer = events.await(SchedulerEvent.Offers.class).offers().getFirst();
    launch(fw, offer, "t1");
    masterClient.sendUpdates(agentId, new StatusUpdates(List.of(agentStatus("t1", agentId, TaskState.TASK_RUNNING, "u1"))));

    clock.advance(Duration.ofSeconds(16));
    await().until(() -> !master.publisher().current().agent(agentId).orElseThrow().reachable());
    assertThat(events.await(SchedulerEvent.Update.class, u -> u.status().state() == TaskState.TASK_UNREACHABLE).status().taskId())
        .isEqualTo("t1");
    assertThatThrownBy(() -> masterClient.heartbeat(agentId)).isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(404));

    TaskInfo t1 = master.publisher().current().task("t1").orElseThrow().info();
    masterClient.register(new RegisterAgent(agent.info(agentId), List.of(new RegisterAgent.RunningTask(t1, TaskState.TASK_RUNNING))));
    assertThat(master.publisher().current().agent(agentId).orElseThrow().reachable()).isTrue();
    assertThat(master.publisher().current().task("t1").orElseThrow().state()).isEqualTo(TaskState.TASK_RUNNING);

    clock.advance(Duration.ofSeconds(16));
    await().until(() -> !master.publisher().current().agent(agentId).orElseThrow().reachable());
    clock.advance(Duration.ofMinutes(11));
    await().until(() -> master.publisher().current().agent(agentId).isEmpty());
    assertThat(master.publisher().current().task("t1").orElseThrow().state()).isEqualTo(TaskState.TASK_GONE);
    events.await(SchedulerEvent.Failure.class, f -> f.agentId().equals(agentId));
    assertThatThrownBy(() -> masterClient.register(new RegisterAgent(agent.info(agentId), List.of())))
        .isInstanceOf(ApiException.class).satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(409));
    fw.close();
  }

  @Test
  void aRestartedMasterRebuildsEverythingFromTheStore() throws Exception {
    String agentId = registerAgent();
    RecordingScheduler events = new RecordingScheduler();
    SchedulerConnection fw = subscribe(events);
    Offer offer = events.await(SchedulerEvent.Offers.class).offers().getFirst();
    launch(fw, offer, "t1");
    masterClient.sendUpdates(agentId, new StatusUpdates(List.of(agentStatus("t1", agentId, TaskState.TASK_RUNNING, "u1"))));
    var before = master.publisher().current();
    fw.close();
    master.close();

    master = startMaster();
    var after = master.publisher().current();
    assertThat(after.agents()).isEqualTo(before.agents());
    assertThat(after.frameworks()).isEqualTo(before.frameworks());
    assertThat(after.tasks()).isEqualTo(before.tasks());
    // the framework re-subscribes with its id and gets its unacknowledged update again
    RecordingScheduler again = new RecordingScheduler();
    FrameworkInfo info = framework().withId(fw.frameworkId());
    SchedulerConnection fw2 = new HttpSchedulerClient(http, master.url()).subscribe(info, again);
    assertThat(again.await(SchedulerEvent.Update.class).status().uuid()).isEqualTo("u1");
    fw2.close();
  }

  @Test
  void badInputGetsClearErrorsAndChangesNothing() {
    long offset = master.publisher().current().offset();
    assertThat(post("/internal/agents/register", "{\"agent\": ")).satisfies(r -> assertThat(r.statusCode()).isEqualTo(400));
    assertThat(post("/internal/agents/register", "{}").statusCode()).isEqualTo(400);
    var negative = post("/internal/agents/register",
        "{\"agent\":{\"ip\":\"127.0.0.1\",\"port\":5051,\"resources\":{\"cpus\":-1,\"mem\":10,\"disk\":0,\"gpus\":0}}}");
    assertThat(negative.statusCode()).isEqualTo(422);
    assertThat(negative.body()).contains("cpus");
    assertThat(post("/internal/agents/nope/heartbeat", "").statusCode()).isEqualTo(404);
    assertThat(post("/internal/agents/nope/updates", "{\"updates\":[]}").statusCode()).isEqualTo(404);
    assertThat(post("/api/v1/scheduler", "{\"type\":\"REVIVE\"}").body()).contains("framework_id");
    assertThat(post("/api/v1/scheduler", "{\"type\":\"BOGUS\",\"framework_id\":{\"value\":\"x\"}}").statusCode()).isEqualTo(400);
    var noStream = post("/api/v1/scheduler", "{\"type\":\"REVIVE\",\"framework_id\":{\"value\":\"x\"}}");
    assertThat(noStream.statusCode()).isEqualTo(400);
    assertThat(noStream.body()).contains("Mesos-Stream-Id");
    assertThat(post("/api/v1/scheduler", "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"name\":\"x\"}}}").statusCode())
        .isEqualTo(400);
    assertThat(get("/master/tasks?limit=-1").statusCode()).isEqualTo(400);
    assertThat(get("/master/tasks?limit=abc").statusCode()).isEqualTo(400);
    assertThat(master.publisher().current().offset()).isEqualTo(offset);
  }

  @Test
  void followersRedirectToTheLeader() {
    int port = FreePorts.next();
    MasterConfig followerConfig = new MasterConfig("f", "127.0.0.1", port, config.agentUnreachableTimeout(),
        config.agentRemovalTimeout(), config.offerTimeout(), config.allocationInterval(), config.frameworkHeartbeatInterval(),
        config.updateResendInterval(), config.agentHeartbeatInterval());
    try (MasterModule follower = new MasterModule(followerConfig, store, election.participant(followerConfig.url()), clock,
        clock, IdGenerator.sequential("f"))) {
      follower.start();
      assertThat(follower.isLeader()).isFalse();
      var redirect = send("GET", follower.url() + "/master/redirect", null);
      assertThat(redirect.statusCode()).isEqualTo(307);
      assertThat(redirect.headers().firstValue("Location")).hasValue("//127.0.0.1:" + config.port());
      assertThat(send("GET", follower.url() + "/master/state", null).headers().firstValue("Location"))
          .hasValue(master.url() + "/master/state");
      assertThat(send("POST", follower.url() + "/internal/agents/register", "{}").statusCode()).isEqualTo(503);
    }
  }

  private java.net.http.HttpResponse<String> post(String path, String body) {
    return send("POST", master.url() + path, body);
  }

  private java.net.http.HttpResponse<String> get(String path) {
    return send("GET", master.url() + path, null);
  }

  private java.net.http.HttpResponse<String> send(String method, String url, String body) {
    try {
      return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
          .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
              : java.net.http.HttpRequest.BodyPublishers.ofString(body))
          .header("Content-Type", "application/json").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

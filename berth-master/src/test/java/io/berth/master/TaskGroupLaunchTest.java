package io.berth.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.api.agent.LaunchTasks;
import io.berth.api.agent.RegisterAgent;
import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.FrameworkInfo;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskGroupInfo;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.VolumeMount;
import io.berth.client.JsonHttp;
import io.berth.client.MasterClient;
import io.berth.common.id.IdGenerator;
import io.berth.framework.Filters;
import io.berth.framework.Offer;
import io.berth.framework.Operation;
import io.berth.framework.SchedulerCall;
import io.berth.framework.SchedulerConnection;
import io.berth.framework.SchedulerEvent;
import io.berth.state.election.InMemoryElection;
import io.berth.state.store.InMemoryStateStore;
import io.berth.testkit.FreePorts;
import io.berth.testkit.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Task groups through the in-process scheduler contract: launched whole, refused whole, executor counted once. */
class TaskGroupLaunchTest {
  static final Resources EXECUTOR = new Resources(0.1, 32, 10, 0, PortRanges.NONE);
  private final TestClock clock = new TestClock();
  private final FakeAgentEndpoint agent = new FakeAgentEndpoint();
  private final CompletableFuture<LeaderContext> context = new CompletableFuture<>();
  private final RecordingScheduler events = new RecordingScheduler();
  private MasterModule master;
  private SchedulerConnection fw;
  private String agentId;

  @BeforeEach
  void start() throws Exception {
    int port = FreePorts.next();
    MasterConfig d = MasterConfig.defaults("127.0.0.1", port);
    MasterConfig config = new MasterConfig("master", "127.0.0.1", port, Duration.ofSeconds(15), Duration.ofMinutes(10),
        Duration.ofSeconds(30), Duration.ofMillis(50), d.frameworkHeartbeatInterval(), Duration.ofMillis(200),
        d.agentHeartbeatInterval());
    master = new MasterModule(config, new InMemoryStateStore(), new InMemoryElection().participant(config.url()), clock,
        clock, IdGenerator.sequential("id")).withLeaderService(new LeaderService() {
          @Override
          public void start(LeaderContext c) {
            context.complete(c);
          }

          @Override
          public void stop() {}
        });
    master.start();
    await().until(master::isLeader);
    agentId = new MasterClient(new JsonHttp(Duration.ofSeconds(5)), master.url())
        .register(new RegisterAgent(agent.info(null), List.of())).agentId();
    fw = context.get(5, TimeUnit.SECONDS).scheduler().subscribe(
        new FrameworkInfo(null, "pods", "root", "*", 60, true, null, null, null, List.of()), events::accept);
  }

  @AfterEach
  void stop() {
    fw.close();
    master.close();
    agent.close();
  }

  private static TaskInfo member(String executorId, String name, double cpus, Resources executor) {
    return new TaskInfo(executorId + "." + name, name, null, null, new Resources(cpus, 64, 0, 0, PortRanges.NONE),
        CommandInfo.shell("sleep 100"), List.of(), Map.of(), 2, null,
        new TaskGroupInfo(executorId, executor, List.of(new VolumeMount("v", null, "v", false))));
  }

  private void accept(Offer offer, Operation... operations) throws Exception {
    fw.call(new SchedulerCall.Accept(List.of(offer.id()), List.of(operations), Filters.NONE)).get(5, TimeUnit.SECONDS);
  }

  @Test
  void aGroupIsLaunchedInOneRequestAndItsExecutorIsCountedOnce() throws Exception {
    Offer offer = events.await(SchedulerEvent.Offers.class).offers().getFirst();
    accept(offer, new Operation.Launch(List.of(member("p.i1", "a", 1, EXECUTOR), member("p.i1", "b", 1, EXECUTOR))));

    LaunchTasks launch = agent.launches.poll(5, TimeUnit.SECONDS);
    assertThat(launch).isNotNull();
    assertThat(launch.tasks()).extracting(TaskInfo::id).containsExactly("p.i1.a", "p.i1.b");
    assertThat(launch.tasks()).allSatisfy(t -> {
      assertThat(t.executorId()).isEqualTo("p.i1");
      assertThat(t.agentId()).isEqualTo(agentId);
      assertThat(t.group().mounts()).containsExactly(new VolumeMount("v", null, "v", false));
    });
    Resources used = master.publisher().current().usedByAgent().get(agentId);
    assertThat(used.cpus()).isEqualTo(2.1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(used.mem()).isEqualTo(64 + 64 + 32);
    assertThat(master.publisher().current().task("p.i1.b").orElseThrow().info().group().executorId()).isEqualTo("p.i1");
    java.net.http.HttpResponse<String> tasks = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(master.url() + "/master/tasks")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(io.berth.common.json.Json.tree(tasks.body().getBytes()).path("tasks"))
        .extracting(t -> t.path("executor_id").asText()).containsOnly("p.i1");
  }

  @Test
  void aThirdPartyFrameworkLaunchesAGroupOverTheHttpSchedulerApi() throws Exception {
    fw.close();
    RecordingScheduler httpEvents = new RecordingScheduler();
    SchedulerConnection http = new io.berth.framework.http.HttpSchedulerClient(new JsonHttp(Duration.ofSeconds(5)),
        master.url()).subscribe(new FrameworkInfo(null, "sdk", "root", "*", 60, true, null, null, null, List.of()),
        httpEvents);
    try {
      Offer offer = httpEvents.await(SchedulerEvent.Offers.class).offers().getFirst();
      http.call(new SchedulerCall.Accept(List.of(offer.id()), List.of(new Operation.Launch(List.of(
          member("sdk.i1", "a", 0.5, EXECUTOR).withAgent(offer.agentId()),
          member("sdk.i1", "b", 0.5, EXECUTOR).withAgent(offer.agentId())))), Filters.NONE))
          .get(5, TimeUnit.SECONDS);

      LaunchTasks launch = agent.launches.poll(5, TimeUnit.SECONDS);
      assertThat(launch).isNotNull();
      assertThat(launch.framework().name()).isEqualTo("sdk");
      assertThat(launch.tasks()).extracting(TaskInfo::id).containsExactly("sdk.i1.a", "sdk.i1.b");
      assertThat(launch.tasks()).allSatisfy(t -> {
        assertThat(t.executorId()).isEqualTo("sdk.i1");
        assertThat(t.group().executorResources()).isEqualTo(EXECUTOR);
        assertThat(t.group().mounts()).containsExactly(new VolumeMount("v", null, "v", false));
      });
      assertThat(master.publisher().current().usedByAgent().get(agentId).mem()).isEqualTo(64 + 64 + 32);
    } finally {
      http.close();
    }
  }

  @Test
  void aGroupWithOneInvalidTaskIsRefusedWholeAndOtherUnitsStillLaunch() throws Exception {
    Offer offer = events.await(SchedulerEvent.Offers.class).offers().getFirst();
    TaskInfo noCommand = new TaskInfo("p.i2.b", "b", null, null, Resources.of(0.1, 32),
        new CommandInfo(true, " ", List.of(), Map.of(), null, List.of()), List.of(), Map.of(), 1, null,
        new TaskGroupInfo("p.i2", EXECUTOR, List.of()));
    TaskInfo plain = new TaskInfo("plain", "plain", null, null, Resources.of(0.1, 32), CommandInfo.shell("sleep 1"),
        List.of(), Map.of(), 1);
    accept(offer, new Operation.Launch(List.of(member("p.i2", "a", 0.5, EXECUTOR), noCommand, plain)));

    for (String id : List.of("p.i2.a", "p.i2.b")) {
      SchedulerEvent.Update u = events.await(SchedulerEvent.Update.class, e -> e.status().taskId().equals(id));
      assertThat(u.status().state()).isEqualTo(TaskState.TASK_ERROR);
      assertThat(u.status().message()).contains("p.i2.b needs a command");
    }
    LaunchTasks launch = agent.launches.poll(5, TimeUnit.SECONDS);
    assertThat(launch.tasks()).extracting(TaskInfo::id).containsExactly("plain");
    assertThat(master.publisher().current().task("p.i2.a")).isEmpty();
  }

  @Test
  void aGroupMustFitWithItsExecutorAndLiveInOneOperation() throws Exception {
    Offer offer = events.await(SchedulerEvent.Offers.class).offers().getFirst();
    double cpus = offer.resources().cpus();
    // the tasks alone fit; with the executor's 0.1 cpus they do not
    accept(offer, new Operation.Launch(List.of(member("p.i3", "a", cpus / 2, EXECUTOR),
        member("p.i3", "b", cpus / 2, EXECUTOR))));
    SchedulerEvent.Update big = events.await(SchedulerEvent.Update.class, e -> e.status().taskId().equals("p.i3.a"));
    assertThat(big.status().state()).isEqualTo(TaskState.TASK_ERROR);
    assertThat(big.status().message()).contains("Task group p.i3 uses more resources");

    Offer next = events.await(SchedulerEvent.Offers.class, o -> !o.offers().getFirst().id().equals(offer.id()))
        .offers().getFirst();
    accept(next, new Operation.Launch(List.of(member("p.i4", "a", 0.1, EXECUTOR))),
        new Operation.Launch(List.of(member("p.i4", "b", 0.1, EXECUTOR))));
    SchedulerEvent.Update split = events.await(SchedulerEvent.Update.class, e -> e.status().taskId().equals("p.i4.b"));
    assertThat(split.status().message()).contains("split over several Launch operations");
    assertThat(master.publisher().current().tasks()).isEmpty();
    assertThat(agent.launches).isEmpty();
  }
}

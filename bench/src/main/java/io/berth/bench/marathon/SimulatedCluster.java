package io.berth.bench.marathon;

import io.berth.agent.AgentConfig;
import io.berth.agent.AgentModule;
import io.berth.agent.runtime.FakeRuntime;
import io.berth.api.cluster.PortRange;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.common.id.IdGenerator;
import io.berth.common.time.SystemTime;
import io.berth.marathon.MarathonConfig;
import io.berth.marathon.MarathonService;
import io.berth.master.LeaderContext;
import io.berth.master.LeaderService;
import io.berth.master.MasterConfig;
import io.berth.master.MasterModule;
import io.berth.state.StatePublisher;
import io.berth.state.zookeeper.EmbeddedZooKeeper;
import io.berth.state.zookeeper.ZkCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * One JVM with a master (embedded ZooKeeper state, real HTTP), Marathon wired as {@code berth master} wires it, and
 * N real agents ({@link AgentModule}: registration, checkpoint, status updates, agent API) on {@link FakeRuntime},
 * which runs nothing: "hollow" agents.
 */
final class SimulatedCluster implements AutoCloseable {
  final MasterModule master;
  final MarathonService marathon;
  private final EmbeddedZooKeeper zk;
  private final ZkCluster state;
  private final List<AgentModule> agents = new ArrayList<>();

  /**
   * @param agentsDir where the hollow agents keep their checkpoints: a tmpfs such as {@code /dev/shm} stands for
   *     50 machines with a disk each (on one disk, 50 agents' fsyncs would queue behind each other)
   */
  SimulatedCluster(Path work, Path agentsDir, int agentCount) throws IOException {
    zk = EmbeddedZooKeeper.start(work.resolve("zk"), "127.0.0.1", freePort());
    state = ZkCluster.connect("zk://127.0.0.1:" + zk.port() + "/berth", Duration.ofSeconds(30));
    MasterConfig config = MasterConfig.defaults("127.0.0.1", freePort());
    IdGenerator ids = IdGenerator.random();
    master = new MasterModule(config, state.store(), state.election(config.url()), SystemTime.wallClock(),
        SystemTime.ticker(), ids);
    marathon = new MarathonService(MarathonConfig.defaults("127.0.0.1"), master.publisher(), SystemTime.wallClock(), ids,
        master::leaderUrl);
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
    waitFor(() -> marathon.scheduler().leading(), "Marathon to lead");
    for (int i = 0; i < agentCount; i++) {
      String name = "sim-agent-" + (i + 1);
      AgentConfig agentConfig = new AgentConfig(name, "127.0.0.1", 0, agentsDir.resolve(name),
          new Resources(8, 16_384, 100_000, 0, PortRanges.of(new PortRange(31000, 31999))), Map.of("rack", "r" + (i % 5)),
          null, null, null, null, null);
      AgentModule agent = new AgentModule(agentConfig, new FakeRuntime(), state.detector(), SystemTime.wallClock(),
          IdGenerator.random());
      agent.start();
      agents.add(agent);
    }
    waitFor(() -> master.publisher().current().agents().size() == agentCount, agentCount + " agents to register");
  }

  String url() {
    return master.url();
  }

  StatePublisher publisher() {
    return master.publisher();
  }

  static void waitFor(java.util.function.BooleanSupplier condition, String what) {
    long deadline = SystemTime.ticker().nanos() + Duration.ofSeconds(120).toNanos();
    while (!condition.getAsBoolean()) {
      if (SystemTime.ticker().nanos() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    agents.forEach(AgentModule::close);
    marathon.close();
    master.close();
    state.close();
    zk.close();
  }
}

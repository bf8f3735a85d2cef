package io.berth.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.api.agent.RegisterAgent;
import io.berth.api.cluster.AgentInfo;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import io.berth.client.JsonHttp;
import io.berth.client.MasterClient;
import io.berth.common.id.IdGenerator;
import io.berth.common.time.SystemTime;
import io.berth.master.MasterConfig;
import io.berth.master.MasterModule;
import io.berth.state.image.ClusterImage;
import io.berth.state.zookeeper.EmbeddedZooKeeper;
import io.berth.state.zookeeper.ZkCluster;
import io.berth.testkit.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Masters with a real (embedded) ZooKeeper: election, hand-over, and state that survives restarts. */
class MastersOnZooKeeperTest {
  @TempDir
  Path dir;
  private EmbeddedZooKeeper zk;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final JsonHttp http = new JsonHttp(Duration.ofSeconds(5));

  @BeforeEach
  void startZooKeeper() {
    zk = EmbeddedZooKeeper.start(dir.resolve("zk"), "127.0.0.1", 0);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
    zk.close();
  }

  private MasterModule master() {
    ZkCluster cluster = ZkCluster.connect("zk://" + zk.connectString() + "/berth", Duration.ofSeconds(10));
    MasterConfig config = MasterConfig.defaults("127.0.0.1", FreePorts.next());
    MasterModule master = new MasterModule(config, cluster.store(), cluster.election(config.url()), SystemTime.wallClock(),
        SystemTime.ticker(), IdGenerator.random());
    open.add(cluster);
    open.add(master);
    master.start();
    return master;
  }

  private static String register(MasterModule leader, JsonHttp http) {
    AgentInfo agent = new AgentInfo(null, "agent-host", "127.0.0.9", 5051,
        new Resources(2, 1024, 100, 0, PortRanges.parse("[31000-31010]")), Map.of(), null, "test");
    return new MasterClient(http, leader.url()).register(new RegisterAgent(agent, List.of())).agentId();
  }

  @Test
  void twoMastersElectOneLeaderAndLeaderLossHandsOver() throws Exception {
    MasterModule a = master();
    MasterModule b = master();
    await().atMost(Duration.ofSeconds(20)).until(() -> a.isLeader() || b.isLeader());
    MasterModule leader = a.isLeader() ? a : b;
    MasterModule follower = leader == a ? b : a;
    assertThat(follower.isLeader()).isFalse();
    await().until(() -> follower.leaderUrl().orElse("").equals(leader.url()));

    String agentId = register(leader, http);
    ClusterImage before = leader.publisher().current();
    assertThat(before.agent(agentId)).isPresent();
    // The follower follows the state log: its readers (DNS, IAM, operator API) see the leader's writes.
    await("the follower to catch up").atMost(Duration.ofSeconds(10))
        .until(() -> follower.publisher().current().offset() == leader.publisher().current().offset());
    assertThat(follower.publisher().current().agents()).isEqualTo(leader.publisher().current().agents());

    leader.close();
    await().atMost(Duration.ofSeconds(30)).until(follower::isLeader);
    ClusterImage after = follower.publisher().current();
    assertThat(after.agents()).isEqualTo(before.agents());
    assertThat(after.offset()).isEqualTo(before.offset());
  }

  @Test
  void aRestartedMasterFindsItsStateInZooKeeper() throws Exception {
    MasterModule first = master();
    await().atMost(Duration.ofSeconds(20)).until(first::isLeader);
    String agentId = register(first, http);
    ClusterImage before = first.publisher().current();
    first.close();

    MasterModule second = master();
    await().atMost(Duration.ofSeconds(20)).until(second::isLeader);
    assertThat(second.publisher().current().agents()).isEqualTo(before.agents());
    assertThat(second.publisher().current().agent(agentId)).isPresent();
  }
}

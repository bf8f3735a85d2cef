package io.berth.state.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.state.election.LeaderElection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZkLeaderElectionTest {
  static final String ROOT = "/berth";
  static final String A = "http://master-a:5050";
  static final String B = "http://master-b:5050";

  static {
    Awaitility.setDefaultPollInterval(Duration.ofMillis(20));
    Awaitility.setDefaultTimeout(Duration.ofSeconds(10));
  }

  @TempDir Path dir;
  EmbeddedZooKeeper zk;
  final Deque<AutoCloseable> toClose = new ArrayDeque<>();

  @BeforeEach
  void startZooKeeper() {
    zk = EmbeddedZooKeeper.start(dir, "127.0.0.1", 0);
  }

  @AfterEach
  void closeAll() throws Exception {
    while (!toClose.isEmpty()) {
      toClose.pop().close();
    }
    zk.close();
  }

  @Test
  void twoParticipantsElectExactlyOneLeader() {
    Events a = new Events();
    Events b = new Events();
    LeaderElection electionA = participant(A, a);
    await().until(() -> a.events.equals(List.of("elected")));
    LeaderElection electionB = participant(B, b);

    await().until(() -> electionB.leader().equals(Optional.of(A)) && electionA.leader().equals(Optional.of(A)));
    assertThat(electionA.isLeader()).isTrue();
    assertThat(electionB.isLeader()).isFalse();
    assertThat(b.events).isEmpty();
  }

  @Test
  void closingTheLeaderHandsOverToTheOther() {
    Events a = new Events();
    Events b = new Events();
    LeaderElection electionA = participant(A, a);
    await().until(electionA::isLeader);
    LeaderElection electionB = participant(B, b);
    ZkLeaderDetector detector = detector();
    List<Optional<String>> seen = new CopyOnWriteArrayList<>();
    detector.onChange(seen::add);
    await().until(() -> detector.leader().equals(Optional.of(A)));

    electionA.close();

    assertThat(a.events).containsExactly("elected", "revoked");
    await().until(() -> b.events.equals(List.of("elected")));
    assertThat(electionB.isLeader()).isTrue();
    await().until(() -> detector.leader().equals(Optional.of(B)) && electionB.leader().equals(Optional.of(B)));
    assertThat(seen).last().isEqualTo(Optional.of(B));

    electionB.close();
    await().until(() -> detector.leader().isEmpty());
    assertThat(seen).last().isEqualTo(Optional.empty());
  }

  @Test
  void anAbdicatingLeaderHandsOverAndQueuesAgainAloneItIsElectedAgain() {
    Events a = new Events();
    Events b = new Events();
    LeaderElection electionA = participant(A, a);
    await().until(electionA::isLeader);
    LeaderElection electionB = participant(B, b);
    await().until(() -> electionB.leader().equals(Optional.of(A)));

    electionB.abdicate(); // not the leader: ignored
    electionA.abdicate();

    await().until(() -> b.events.equals(List.of("elected")) && electionA.leader().equals(Optional.of(B)));
    assertThat(a.events).containsExactly("elected", "revoked");
    assertThat(electionA.isLeader()).isFalse();

    electionB.close(); // A queued again behind B, so it takes over
    await().until(() -> a.events.equals(List.of("elected", "revoked", "elected")));
    electionA.abdicate(); // alone: revoked, then elected again
    await().until(() -> a.events.equals(List.of("elected", "revoked", "elected", "revoked", "elected")));
    assertThat(electionA.isLeader()).isTrue();
  }

  @Test
  void aLostSessionRevokesLeadershipAndTheOtherTakesOver() throws Exception {
    Events a = new Events();
    Events b = new Events();
    CuratorFramework clientA = client();
    LeaderElection electionA = new ZkLeaderElection(clientA, ROOT, A);
    toClose.push(electionA);
    electionA.start(a);
    await().until(electionA::isLeader);
    LeaderElection electionB = participant(B, b);
    await().until(() -> electionB.leader().equals(Optional.of(A)));

    clientA.getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();

    await().until(() -> a.events.equals(List.of("elected", "revoked")));
    await().until(() -> b.events.equals(List.of("elected")));
    await().until(() -> electionA.leader().equals(Optional.of(B)));
    assertThat(electionA.isLeader()).isFalse();
    assertThat(a.events).as("A rejoined as a follower").containsExactly("elected", "revoked");
  }

  @Test
  void aSuspendedLeaderStopsAndLeadsAgainWhenItsSessionSurvives() {
    Events a = new Events();
    Events b = new Events();
    LeaderElection electionA = participant(A, a);
    await().until(electionA::isLeader);
    LeaderElection electionB = participant(B, b);
    ZkLeaderDetector detector = detector();
    await().until(() -> detector.leader().equals(Optional.of(A)) && electionB.leader().equals(Optional.of(A)));
    int port = zk.port();

    zk.close(); // connection drops: SUSPENDED, the session lives on in ZooKeeper's data
    await().until(() -> a.events.equals(List.of("elected", "revoked")));
    assertThat(electionA.isLeader()).isFalse();
    assertThat(detector.leader()).as("last known leader while ZooKeeper is down").contains(A);

    zk = EmbeddedZooKeeper.start(dir, "127.0.0.1", port);
    await().until(() -> a.events.equals(List.of("elected", "revoked", "elected")));
    assertThat(electionA.isLeader()).isTrue();
    assertThat(b.events).isEmpty();
    assertThat(detector.leader()).contains(A);
  }

  @Test
  void theDetectorFollowsTheLeaderAcrossAZooKeeperRestart() {
    ZkLeaderDetector detector = detector();
    List<Optional<String>> seen = new CopyOnWriteArrayList<>();
    detector.onChange(seen::add);
    assertThat(detector.leader()).isEmpty();
    int port = zk.port();

    zk.close();
    zk = EmbeddedZooKeeper.start(dir, "127.0.0.1", port);
    LeaderElection electionB = participant(B, new Events());

    await().until(() -> detector.leader().equals(Optional.of(B)));
    assertThat(seen).containsExactly(Optional.of(B));
    electionB.close();
    await().until(() -> detector.leader().isEmpty());
  }

  @Test
  void aListenerMayLeaveTheElectionFromItsOwnCallback() {
    List<String> events = new CopyOnWriteArrayList<>();
    ZkLeaderElection election = new ZkLeaderElection(client(), ROOT, A);
    toClose.push(election);
    election.start(new LeaderElection.Listener() {
      @Override
      public void elected() {
        events.add("elected");
        election.close();
      }

      @Override
      public void revoked() {
        events.add("revoked");
      }
    });

    await().atMost(Duration.ofSeconds(2)).until(() -> events.equals(List.of("elected", "revoked")));
    assertThat(election.isLeader()).isFalse();
  }

  private LeaderElection participant(String url, Events events) {
    ZkLeaderElection election = new ZkLeaderElection(client(), ROOT, url);
    toClose.push(election);
    election.start(events);
    return election;
  }

  private ZkLeaderDetector detector() {
    ZkLeaderDetector detector = new ZkLeaderDetector(client(), ROOT);
    toClose.push(detector);
    return detector;
  }

  private CuratorFramework client() {
    CuratorFramework client = ZkConnection.start(ZkConfig.of(zk.connectString(), ROOT)
        .withSessionTimeout(Duration.ofSeconds(10)).withConnectionTimeout(Duration.ofSeconds(2)).withMaxRetries(1));
    toClose.push(client);
    return client;
  }

  /** Records what a listener hears, in order. */
  static final class Events implements LeaderElection.Listener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void elected() {
      events.add("elected");
    }

    @Override
    public void revoked() {
      events.add("revoked");
    }
  }
}

package io.berth.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.state.election.InMemoryElection;
import io.berth.state.election.LeaderElection;
import io.berth.state.image.ClusterImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatePublisherTest {
  @Test
  void listenersSeeEveryDeltaAndAFailingListenerDoesNotStopOthers() {
    StatePublisher publisher = new StatePublisher();
    List<ClusterDelta> seen = new ArrayList<>();
    publisher.subscribe(d -> {
      throw new IllegalStateException("boom");
    });
    publisher.subscribe(seen::add);
    ClusterImage next = ClusterImage.EMPTY.apply(1, ClusterImageTest.history());
    publisher.publish(next, List.copyOf(ClusterImageTest.history()));
    assertThat(publisher.current()).isSameAs(next);
    assertThat(seen).singleElement().satisfies(d -> {
      assertThat(d.previous()).isEqualTo(ClusterImage.EMPTY);
      assertThat(d.records()).hasSize(4);
    });
  }

  @Test
  void inMemoryElectionHandsOver() {
    InMemoryElection election = new InMemoryElection();
    List<String> events = new ArrayList<>();
    LeaderElection a = election.participant("a");
    LeaderElection b = election.participant("b");
    a.start(listener("a", events));
    b.start(listener("b", events));
    assertThat(a.isLeader()).isTrue();
    assertThat(b.leader()).isEqualTo(Optional.of("a"));
    a.close();
    assertThat(b.isLeader()).isTrue();
    assertThat(events).containsExactly("a elected", "a revoked", "b elected");
  }

  private static LeaderElection.Listener listener(String name, List<String> events) {
    return new LeaderElection.Listener() {
      public void elected() {
        events.add(name + " elected");
      }

      public void revoked() {
        events.add(name + " revoked");
      }
    };
  }
}

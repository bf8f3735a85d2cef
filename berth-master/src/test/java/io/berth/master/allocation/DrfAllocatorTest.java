package io.berth.master.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.cluster.Resources;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DrfAllocatorTest {
  private static final Resources TOTAL = Resources.of(10, 10_000);

  @Test
  void theFrameworkWithTheLowestDominantShareGetsTheAgent() {
    var slots = List.of(new DrfAllocator.AgentSlot("a1", Resources.of(1, 1000)));
    var demands = List.of(
        new DrfAllocator.Demand("big", "*", Resources.of(5, 100), Set.of()),
        new DrfAllocator.Demand("small", "*", Resources.of(1, 2000), Set.of()));
    assertThat(DrfAllocator.allocate(TOTAL, slots, demands))
        .containsExactly(new DrfAllocator.Grant("small", "a1", Resources.of(1, 1000)));
  }

  @Test
  void sharesAreUpdatedWithinOneRoundSoAgentsSpreadAcrossFrameworks() {
    var slots = List.of(new DrfAllocator.AgentSlot("a1", Resources.of(2, 2000)),
        new DrfAllocator.AgentSlot("a2", Resources.of(2, 2000)));
    var demands = List.of(new DrfAllocator.Demand("f1", "*", Resources.NONE, Set.of()),
        new DrfAllocator.Demand("f2", "*", Resources.NONE, Set.of()));
    assertThat(DrfAllocator.allocate(TOTAL, slots, demands)).extracting(DrfAllocator.Grant::frameworkId)
        .containsExactly("f1", "f2");
  }

  @Test
  void rolesComeFirstThenFrameworksWithinTheRole() {
    var slots = List.of(new DrfAllocator.AgentSlot("a1", Resources.of(1, 100)));
    var demands = List.of(
        new DrfAllocator.Demand("f1", "busy", Resources.of(1, 100), Set.of()),
        new DrfAllocator.Demand("f2", "busy", Resources.NONE, Set.of()),
        new DrfAllocator.Demand("f3", "idle", Resources.of(0.5, 50), Set.of()));
    // role "busy" holds 1 cpu, role "idle" 0.5: idle wins although f2 itself holds nothing.
    assertThat(DrfAllocator.allocate(TOTAL, slots, demands)).extracting(DrfAllocator.Grant::frameworkId).containsExactly("f3");
  }

  @Test
  void filteredAgentsAndCrumbsAreNotOffered() {
    var slots = List.of(new DrfAllocator.AgentSlot("a1", Resources.of(1, 1000)),
        new DrfAllocator.AgentSlot("a2", Resources.of(0.001, 8)));
    var demands = List.of(new DrfAllocator.Demand("f1", "*", Resources.NONE, Set.of("a1")));
    assertThat(DrfAllocator.allocate(TOTAL, slots, demands)).isEmpty();
  }

  @Test
  void dominantShareIsTheLargestShare() {
    assertThat(DrfAllocator.dominantShare(Resources.of(1, 5000), TOTAL)).isEqualTo(0.5);
    assertThat(DrfAllocator.dominantShare(Resources.of(3, 10), TOTAL)).isEqualTo(0.3);
    assertThat(DrfAllocator.dominantShare(null, TOTAL)).isZero();
  }
}

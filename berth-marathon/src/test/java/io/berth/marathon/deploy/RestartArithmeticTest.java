package io.berth.marathon.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Marathon's examples of §4.11, replayed step by step. */
class RestartArithmeticTest {
  static List<RestartArithmetic.Instance> healthy(String prefix, int n) {
    List<RestartArithmetic.Instance> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new RestartArithmetic.Instance(prefix + i, true, i));
    }
    return out;
  }

  @Test
  void fullCapacityStartsAllNewBeforeKillingOld() {
    RestartArithmetic.Decision d = RestartArithmetic.decide(3, 1.0, 1.0, healthy("old", 3), List.of(), 0);
    assertThat(d.kill()).isEmpty();
    assertThat(d.launch()).isEqualTo(3);
    d = RestartArithmetic.decide(3, 1.0, 1.0, healthy("old", 3), healthy("new", 1), 0);
    assertThat(d.kill()).hasSize(1);
    d = RestartArithmetic.decide(3, 1.0, 1.0, List.of(), healthy("new", 3), 0);
    assertThat(d.done()).isTrue();
  }

  @Test
  void zeroCapacityKillsAllOldFirst() {
    RestartArithmetic.Decision d = RestartArithmetic.decide(3, 0, 0, healthy("old", 3), List.of(), 0);
    assertThat(d.kill()).hasSize(3);
    assertThat(d.launch()).isZero();
    d = RestartArithmetic.decide(3, 0, 0, List.of(), List.of(), 0);
    assertThat(d.launch()).isEqualTo(3);
  }

  @Test
  void halfCapacityNeverGoesBelowTheMinimum() {
    RestartArithmetic.Decision d = RestartArithmetic.decide(4, 0.5, 0, healthy("old", 4), List.of(), 0);
    assertThat(d.kill()).hasSize(2);
    assertThat(d.launch()).isZero();
    d = RestartArithmetic.decide(4, 0.5, 0, healthy("old", 2), List.of(), 0);
    assertThat(d.kill()).isEmpty();
    assertThat(d.launch()).isEqualTo(2);
    List<RestartArithmetic.Instance> starting = List.of(new RestartArithmetic.Instance("n0", false, 5),
        new RestartArithmetic.Instance("n1", false, 6));
    d = RestartArithmetic.decide(4, 0.5, 0, healthy("old", 2), starting, 0);
    assertThat(d.kill()).isEmpty();
    assertThat(d.launch()).isZero();
  }

  @Test
  void unhealthyOldInstancesGoFirstAndEqualBoundsAllowOneExtra() {
    List<RestartArithmetic.Instance> old = new ArrayList<>(healthy("old", 2));
    old.add(new RestartArithmetic.Instance("sick", false, 9));
    RestartArithmetic.Decision d = RestartArithmetic.decide(3, 1.0, 0, old, List.of(), 0);
    assertThat(d.kill()).containsExactly("sick");
    d = RestartArithmetic.decide(3, 1.0, 0, healthy("old", 3), List.of(), 0);
    assertThat(d.launch()).isEqualTo(1);
  }
}

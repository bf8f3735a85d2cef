package io.berth.api.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.common.error.BerthException;
import org.junit.jupiter.api.Test;

class ResourcesTest {
  private final Resources agent = new Resources(2, 1024, 100, 0, PortRanges.parse("[31000-31009]"));

  @Test
  void arithmeticKeepsPortsAndRounds() {
    Resources task = new Resources(0.1, 32, 0, 0, PortRanges.parse("[31000-31000]"));
    Resources left = agent.minus(task);
    assertThat(left.cpus()).isEqualTo(1.9);
    assertThat(left.mem()).isEqualTo(992);
    assertThat(left.ports()).hasToString("[31001-31009]");
    assertThat(left.plus(task)).isEqualTo(agent);
    assertThat(agent.contains(task)).isTrue();
    assertThat(left.contains(task)).isFalse();
  }

  @Test
  void scalarsNeverGoNegative() {
    assertThat(Resources.of(1, 10).minus(Resources.of(2, 20))).isEqualTo(Resources.NONE);
  }

  @Test
  void validationNamesEveryBadAmount() {
    assertThatThrownBy(() -> new Resources(-1, Double.NaN, 0, 0, null).validated("task x"))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("task x").hasMessageContaining("cpus").hasMessageContaining("mem");
    assertThat(agent.validated("agent")).isSameAs(agent);
  }
}

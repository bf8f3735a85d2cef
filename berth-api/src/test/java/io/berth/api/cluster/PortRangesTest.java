package io.berth.api.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.common.error.BerthException;
import io.berth.common.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortRangesTest {
  @Test
  void parsesMesosSyntaxAndWritesItBack() {
    PortRanges ports = PortRanges.parse("[31000-31002, 31005-31005]");
    assertThat(ports.size()).isEqualTo(4);
    assertThat(ports).hasToString("[31000-31002, 31005-31005]");
    assertThat(PortRanges.parse("31000-31002")).isEqualTo(PortRanges.of(new PortRange(31000, 31002)));
    assertThat(PortRanges.parse("[]")).isEqualTo(PortRanges.NONE);
  }

  @Test
  void mergesAdjacentAndOverlappingRanges() {
    PortRanges ports = new PortRanges(List.of(new PortRange(10, 12), new PortRange(13, 15), new PortRange(14, 20)));
    assertThat(ports.ranges()).containsExactly(new PortRange(10, 20));
  }

  @Test
  void subtractsSplittingRanges() {
    PortRanges all = PortRanges.parse("[100-200]");
    PortRanges rest = all.minus(PortRanges.parse("[150-150, 190-210]"));
    assertThat(rest).hasToString("[100-149, 151-189]");
    assertThat(rest.plus(PortRanges.parse("[150-150, 190-200]"))).isEqualTo(all);
  }

  @Test
  void containmentAndLowestPorts() {
    PortRanges ports = PortRanges.parse("[100-101, 200-210]");
    assertThat(ports.containsAll(PortRanges.parse("[101-101, 205-206]"))).isTrue();
    assertThat(ports.containsAll(PortRanges.parse("[101-102]"))).isFalse();
    assertThat(ports.lowest(3)).containsExactly(100L, 101L, 200L);
    assertThat(ports.lowest(100)).hasSize(13);
  }

  @Test
  void rejectsGarbage() {
    assertThatThrownBy(() -> PortRanges.parse("[a-b]")).isInstanceOf(BerthException.class).hasMessageContaining("a-b");
    assertThatThrownBy(() -> PortRanges.parse("[5-3]")).isInstanceOf(BerthException.class);
    assertThatThrownBy(() -> PortRanges.parse("[1-2-3]")).isInstanceOf(BerthException.class);
    assertThatThrownBy(() -> PortRanges.parse("[70000-70001]")).isInstanceOf(BerthException.class);
  }

  @Test
  void isJsonAString() {
    Resources r = new Resources(1, 128, 0, 0, PortRanges.parse("[31000-31001]"));
    String json = Json.writeString(r);
    assertThat(json).contains("\"ports\":\"[31000-31001]\"").doesNotContain("empty");
    assertThat(Json.read(json.getBytes(), Resources.class)).isEqualTo(r);
  }
}

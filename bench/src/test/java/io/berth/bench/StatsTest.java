package io.berth.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void percentilesAreNearestRank() {
    List<Double> hundred = IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList();
    Stats stats = Stats.of(hundred.reversed());
    assertThat(stats.p50()).isEqualTo(50);
    assertThat(stats.p90()).isEqualTo(90);
    assertThat(stats.p99()).isEqualTo(99);
    assertThat(stats.min()).isEqualTo(1);
    assertThat(stats.max()).isEqualTo(100);
    assertThat(stats.mean()).isEqualTo(50.5);
  }

  @Test
  void oneSampleIsEveryPercentile() {
    Stats stats = Stats.of(List.of(7.0));
    assertThat(List.of(stats.p50(), stats.p90(), stats.p99())).containsOnly(7.0);
  }

  @Test
  void noSamplesGiveNaN() {
    assertThat(Stats.of(List.of()).p50()).isNaN();
  }

  @Test
  void nanosBecomeMillisWithMicrosecondPrecision() {
    assertThat(Stats.millis(12_345_678)).isEqualTo(12.346);
  }
}

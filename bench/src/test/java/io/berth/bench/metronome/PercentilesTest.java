package io.berth.bench.metronome;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {
  @Test
  void nearestRankPercentilesOfOneToAHundred() {
    List<Double> samples = new ArrayList<>();
    for (int i = 100; i >= 1; i--) {
      samples.add((double) i);
    }
    var p = Percentiles.of(samples);
    assertThat(p).containsEntry("count", 100).containsEntry("p50_ms", 50.0).containsEntry("p99_ms", 99.0)
        .containsEntry("max_ms", 100.0).containsEntry("mean_ms", 50.5);
  }

  @Test
  void noSamplesGiveOnlyTheCount() {
    assertThat(Percentiles.of(List.of())).containsOnlyKeys("count");
  }
}

package io.berth.bench;

import java.util.Arrays;
import java.util.List;

/** Summary of latency samples in milliseconds; percentiles by nearest rank (p99 of 100 samples is the 99th). */
record Stats(int count, double p50, double p90, double p99, double mean, double min, double max) {

  static Stats of(List<Double> millis) {
    if (millis.isEmpty()) {
      return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new Stats(sorted.length, rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
        Arrays.stream(sorted).average().orElseThrow(), sorted[0], sorted[sorted.length - 1]);
  }

  private static double rank(double[] sorted, double percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.clamp(index, 0, sorted.length - 1)];
  }

  static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}

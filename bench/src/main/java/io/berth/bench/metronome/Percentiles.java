package io.berth.bench.metronome;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** p50/p90/p99/max/mean of samples in milliseconds (nearest-rank), as a JSON-ready map. */
final class Percentiles {
  private Percentiles() {}

  static Map<String, Object> of(List<Double> samples) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("count", samples.size());
    if (samples.isEmpty()) {
      return out;
    }
    double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    out.put("p50_ms", round(rank(sorted, 50)));
    out.put("p90_ms", round(rank(sorted, 90)));
    out.put("p99_ms", round(rank(sorted, 99)));
    out.put("max_ms", round(sorted[sorted.length - 1]));
    out.put("mean_ms", round(samples.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
    return out;
  }

  static double rank(double[] sorted, double percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}

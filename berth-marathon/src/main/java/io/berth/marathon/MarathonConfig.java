package io.berth.marathon;

import java.util.Set;

/**
 * Configuration of Marathon on Berth.
 *
 * @param features Marathon's {@code --enable_features} (e.g. {@code secrets}, {@code external_volumes})
 * @param hostname the name {@code /v2/info} reports as leader
 */
public record MarathonConfig(Set<String> features, String hostname) {
  public MarathonConfig {
    features = Set.copyOf(features);
  }

  public static MarathonConfig defaults(String hostname) {
    return new MarathonConfig(Set.of("secrets", "external_volumes", "task_killing", "gpu_resources"), hostname);
  }
}

package io.berth.marathon.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.marathon.model.AppSpec;
import io.berth.state.StateWriter;
import io.berth.state.apps.AppsRecord;
import io.berth.state.apps.LaunchDelay;
import io.berth.state.image.ClusterImage;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Launch backoff (spec §4.12): after a failure an app's next launch waits {@code backoffSeconds}, then each further
 * failure multiplies the delay by {@code backoffFactor} up to {@code maxLaunchDelaySeconds}; the delay is reset after
 * a quiet (delay + max) period. Delays are records ({@link LaunchDelay}), so they survive a master restart; between a
 * failure and the commit of its delay the app is held here so that no launch slips in.
 */
final class LaunchDelays {
  private final InstantSource clock;
  private final StateWriter writer;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final Set<String> resetting = ConcurrentHashMap.newKeySet();

  LaunchDelays(InstantSource clock, StateWriter writer) {
    this.clock = clock;
    this.writer = writer;
  }

  /** True while the app may not launch: its delay is being committed, or has not run out for its config. */
  boolean delayed(ClusterImage image, AppSpec spec, Instant now) {
    if (pending.contains(spec.id())) {
      return true;
    }
    LaunchDelay d = image.apps().delays().get(spec.id());
    return d != null && d.configVersion().equals(spec.configVersion()) && now.isBefore(d.until());
  }

  /** Resets a delay nothing has failed against for (delay + maxLaunchDelaySeconds). */
  void resetIfQuiet(ClusterImage image, AppSpec spec, Instant now) {
    LaunchDelay d = image.apps().delays().get(spec.id());
    if (d != null && now.isAfter(d.until().plusSeconds((long) spec.maxLaunchDelaySeconds())) && resetting.add(spec.id())) {
      writer.write(img -> StateWriter.Write.of(null, new AppsRecord.LaunchDelayReset(spec.id())))
          .whenComplete((ok, e) -> resetting.remove(spec.id()));
    }
  }

  /** Increases an app's launch delay after a failure. */
  void failed(String appId) {
    Instant now = clock.instant();
    pending.add(appId);
    writer.write(img -> {
      JsonNode def = img.apps().apps().get(appId);
      JsonNode pod = img.apps().pods().get(appId);
      if (def == null && pod == null) {
        return StateWriter.Write.<Void>of(null);
      }
      AppSpec spec = def != null ? AppSpec.of(def) : io.berth.marathon.model.PodSpec.of(pod).app();
      LaunchDelay prev = img.apps().delays().get(appId);
      boolean same = prev != null && prev.configVersion().equals(spec.configVersion());
      double delay = same ? Math.min(prev.delaySeconds() * spec.backoffFactor(), spec.maxLaunchDelaySeconds())
          : spec.backoffSeconds();
      long millis = Math.round(delay * 1000);
      return StateWriter.Write.<Void>of(null, new AppsRecord.LaunchDelayed(new LaunchDelay(appId, spec.configVersion(),
          same ? prev.failures() + 1 : 1, delay, now, now.plusMillis(millis))));
    }).whenComplete((ok, error) -> pending.remove(appId));
  }
}

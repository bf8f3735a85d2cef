package io.berth.metronome;

import java.time.Duration;

/**
 * Configuration of Metronome on the master.
 *
 * @param historyCount finished runs kept per job and kind (success, failure), as {@code metronome.history.count}
 * @param retryDelay wait between a failed task and its replacement under {@code ON_FAILURE}
 * @param tickInterval how often runs and schedules are looked at without a trigger (also the cron fire granularity)
 * @param launchTimeout a launch whose task did not show up in the state this long is forgotten and tried again
 * @param killResendInterval kills of tasks that do not end are sent again this often
 */
public record MetronomeConfig(int historyCount, Duration retryDelay, Duration tickInterval, Duration launchTimeout,
    Duration killResendInterval) {

  public static MetronomeConfig defaults() {
    return new MetronomeConfig(1000, Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(30),
        Duration.ofSeconds(10));
  }
}

package io.berth.state.apps;

import java.time.Instant;

/**
 * The launch backoff of an app: after {@code failures} failures of its config version {@code configVersion}, no
 * instance is launched before {@code until}; {@code delaySeconds} is the delay that was applied last.
 */
public record LaunchDelay(String appId, String configVersion, int failures, double delaySeconds, Instant since,
    Instant until) {}

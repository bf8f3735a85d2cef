package io.berth.iam;

import java.time.Duration;

/**
 * Configuration of IAM.
 *
 * @param tokenLifetime lifetime of the authentication tokens IAM issues (default 5 days, as DC/OS)
 * @param bcryptCost bcrypt work factor of password hashes (default 10)
 * @param loginAttempts failed login attempts allowed per user and source address within {@code loginWindow} (default 10)
 * @param loginWindow the window of the login rate limit (default 1 minute)
 * @param secureCookie set the {@code Secure} flag on the auth cookie (default true: the gateway serves HTTPS)
 */
public record IamConfig(Duration tokenLifetime, int bcryptCost, int loginAttempts, Duration loginWindow,
    boolean secureCookie) {
  /** Longest lifetime of a service login token (client-made), as DC/OS. */
  public static final Duration SERVICE_LOGIN_MAX_LIFETIME = Duration.ofMinutes(10);

  public static IamConfig defaults() {
    return new IamConfig(Duration.ofDays(5), 10, 10, Duration.ofMinutes(1), true);
  }
}

package io.berth.cli.config;

/**
 * What the CLI remembers about one cluster ({@code cluster.json} in the cluster's folder): its id (from the CA's
 * fingerprint, so setting up the same cluster again updates it), the name users attach by, the gateway URL, the
 * pinned CA's fingerprint and the request timeout.
 */
public record ClusterConfig(String id, String name, String url, String caFingerprint, int timeoutSeconds) {
  public static final int DEFAULT_TIMEOUT_SECONDS = 30;

  public ClusterConfig {
    if (timeoutSeconds <= 0) {
      timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
    }
  }

  public ClusterConfig withName(String newName) {
    return new ClusterConfig(id, newName, url, caFingerprint, timeoutSeconds);
  }

  public ClusterConfig withTimeout(int seconds) {
    return new ClusterConfig(id, name, url, caFingerprint, seconds);
  }

  /** The cluster id made from a CA fingerprint: its first 16 hex digits, lower case. */
  public static String idOf(String caFingerprint) {
    return caFingerprint.replace(":", "").toLowerCase(java.util.Locale.ROOT).substring(0, 16);
  }
}

package io.berth.api.cluster;

import java.util.List;

/**
 * A scheduler registered with the master (Marathon, Metronome, a third-party framework).
 * {@code failoverTimeoutSeconds}: how long the master keeps its tasks running after it disconnects.
 */
public record FrameworkInfo(
    String id,
    String name,
    String user,
    String role,
    double failoverTimeoutSeconds,
    boolean checkpoint,
    String hostname,
    String webuiUrl,
    String principal,
    List<String> capabilities) {

  public FrameworkInfo {
    role = role == null || role.isBlank() ? "*" : role;
    capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
  }

  public FrameworkInfo withId(String newId) {
    return new FrameworkInfo(newId, name, user, role, failoverTimeoutSeconds, checkpoint, hostname, webuiUrl,
        principal, capabilities);
  }
}

package io.berth.api.cluster;

/**
 * A volume a task of a group mounts at {@code containerPath}: an ephemeral volume named {@code volume} (a directory
 * of the group's executor sandbox, {@code volumes/<volume>}, shared by the group's tasks and gone with it) when
 * {@code hostPath} is null, else the host directory {@code hostPath}.
 */
public record VolumeMount(String volume, String hostPath, String containerPath, boolean readOnly) {
  /** Whether this mount is an ephemeral volume of the executor sandbox. */
  public boolean ephemeral() {
    return hostPath == null;
  }
}

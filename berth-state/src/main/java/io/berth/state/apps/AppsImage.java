package io.berth.state.apps;

import io.berth.state.record.MarathonRecord;

/** Marathon's apps, pods, groups and deployments in the cluster image. Immutable; {@link #apply} is pure. */
public record AppsImage() {
  public static final AppsImage EMPTY = new AppsImage();

  /** The image after one record. */
  public AppsImage apply(MarathonRecord record) {
    throw new IllegalArgumentException("unknown Marathon record " + record);
  }
}

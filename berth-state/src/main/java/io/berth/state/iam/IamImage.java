package io.berth.state.iam;

import io.berth.state.record.IamRecord;

/** IAM's users, groups, service accounts and permissions in the cluster image. Immutable; {@link #apply} is pure. */
public record IamImage() {
  public static final IamImage EMPTY = new IamImage();

  /** The image after one record. */
  public IamImage apply(IamRecord record) {
    throw new IllegalArgumentException("unknown Iam record " + record);
  }
}

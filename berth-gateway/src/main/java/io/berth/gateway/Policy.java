package io.berth.gateway;

import io.berth.iam.Authorizer;
import io.berth.state.iam.IamImage;
import java.util.function.Supplier;

/** Who exists and who may do what, as the gateway asks it after authentication. */
public interface Policy {
  /** False for a token whose user was deleted. */
  boolean knows(String uid);

  /** Whether {@code uid} has {@code full} on {@code rid}. */
  boolean allows(String uid, String rid);

  /** The masters' policy: IAM's image. */
  static Policy of(Supplier<IamImage> iam) {
    return new Policy() {
      @Override
      public boolean knows(String uid) {
        return iam.get().user(uid).isPresent();
      }

      @Override
      public boolean allows(String uid, String rid) {
        return Authorizer.allowed(iam.get(), uid, rid, "full");
      }
    };
  }
}

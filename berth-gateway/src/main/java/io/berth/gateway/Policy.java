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

  /**
   * The masters' policy: IAM's image. Decisions are remembered for the image they were made on (a gateway asks
   * the same few questions for every request) and forgotten when IAM's image changes.
   */
  static Policy of(Supplier<IamImage> iam) {
    return new Policy() {
      private record Decisions(IamImage image, java.util.concurrent.ConcurrentHashMap<String, Boolean> allowed) {}

      private volatile Decisions decisions = new Decisions(null, new java.util.concurrent.ConcurrentHashMap<>());

      @Override
      public boolean knows(String uid) {
        return iam.get().user(uid).isPresent();
      }

      @Override
      public boolean allows(String uid, String rid) {
        IamImage image = iam.get();
        Decisions d = decisions;
        if (d.image() != image) {
          d = new Decisions(image, new java.util.concurrent.ConcurrentHashMap<>());
          decisions = d;
        }
        if (d.allowed().size() > 10_000) {
          d.allowed().clear(); // many distinct questions: keep the memory bounded
        }
        return d.allowed().computeIfAbsent(uid + '\n' + rid, k -> Authorizer.allowed(image, uid, rid, "full"));
      }
    };
  }
}

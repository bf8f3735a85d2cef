package io.berth.common.id;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Makes unique ids. The only place in Berth that makes UUIDs; tests inject {@link #sequential}. */
@FunctionalInterface
public interface IdGenerator {
  String next();

  /** Random (version 4) UUIDs. */
  static IdGenerator random() {
    return () -> UUID.randomUUID().toString();
  }

  /**
   * Random (version 4) UUIDs from a fast generator that is not cryptographically strong: unique, but not
   * unguessable. Only for ids that are no secrets and are made at a high rate (the gateway's request ids).
   */
  static IdGenerator fast() {
    return () -> {
      java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
      long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
      long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
      return new UUID(high, low).toString();
    };
  }

  /** Deterministic ids {@code prefix-1, prefix-2, ...} for tests and simulations. */
  static IdGenerator sequential(String prefix) {
    AtomicLong counter = new AtomicLong();
    return () -> prefix + "-" + counter.incrementAndGet();
  }
}

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

  /** Deterministic ids {@code prefix-1, prefix-2, ...} for tests and simulations. */
  static IdGenerator sequential(String prefix) {
    AtomicLong counter = new AtomicLong();
    return () -> prefix + "-" + counter.incrementAndGet();
  }
}

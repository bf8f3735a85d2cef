package io.berth.dns.server;

import io.berth.dns.records.RecordSet;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Wire answers of one {@link RecordSet}, by {@link QueryKey}, in up to {@link #VARIANTS} rotations. A new record
 * set gets a new, empty cache, so an answer can never outlive the records it came from. A hit is a copy with the
 * query's id, RD and CD bits and question name (its spelling: answers point at it by compression) patched in.
 */
final class AnswerCache {
  static final int VARIANTS = 4;
  private static final int MAX_ENTRIES = 200_000;

  private final RecordSet records;
  private final ConcurrentHashMap<QueryKey, byte[][]> answers = new ConcurrentHashMap<>();

  AnswerCache(RecordSet records) {
    this.records = records;
  }

  RecordSet records() {
    return records;
  }

  /** The cached answer to {@code query} as a new array, or null. */
  byte[] get(QueryKey key, byte[] query) {
    byte[] template = template(key);
    if (template == null) {
      return null;
    }
    byte[] out = template.clone();
    out[0] = query[0];
    out[1] = query[1];
    out[2] = (byte) ((out[2] & ~0x01) | (query[2] & 0x01)); // RD
    out[3] = (byte) ((out[3] & ~0x10) | (query[3] & 0x10)); // CD
    System.arraycopy(query, 12, out, 12, key.nameEnd() - 12);
    return out;
  }

  /** Writes the cached answer to {@code query} into {@code out} (cleared, then flipped); false when there is none. */
  boolean writeTo(QueryKey key, byte[] query, ByteBuffer out) {
    byte[] template = template(key);
    if (template == null) {
      return false;
    }
    out.clear();
    out.put(template);
    out.put(0, query[0]);
    out.put(1, query[1]);
    out.put(2, (byte) ((template[2] & ~0x01) | (query[2] & 0x01))); // RD
    out.put(3, (byte) ((template[3] & ~0x10) | (query[3] & 0x10))); // CD
    out.put(12, query, 12, key.nameEnd() - 12);
    out.flip();
    return true;
  }

  private byte[] template(QueryKey key) {
    byte[][] variants = answers.get(key);
    if (variants == null) {
      return null;
    }
    return variants[variants.length == 1 ? 0 : ThreadLocalRandom.current().nextInt(variants.length)];
  }

  /** Stores answers under a copy of {@code key}. */
  void put(QueryKey key, byte[][] variants) {
    if (answers.size() < MAX_ENTRIES) {
      answers.putIfAbsent(key.copy(), variants);
    }
  }
}

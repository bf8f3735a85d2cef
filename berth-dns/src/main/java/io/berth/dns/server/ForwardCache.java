package io.berth.dns.server;

import io.berth.common.time.Ticker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * Upstream answers kept for their TTL (the smallest TTL of the answer and authority records; for negative answers the
 * SOA's, capped by its minimum), at most {@code maxEntries}, least recently used out first. A hit comes back with its
 * TTLs lowered by the time it spent here. Truncated answers and failures are not kept. Thread-safe.
 */
final class ForwardCache {
  private static final long MAX_TTL = 3600;

  private record Cached(Message response, long storedNanos, long ttlSeconds) {}

  private final Ticker ticker;
  private final Map<String, Cached> entries;

  ForwardCache(Ticker ticker, int maxEntries) {
    this.ticker = ticker;
    this.entries = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
        return size() > maxEntries;
      }
    };
  }

  static String key(Record question, boolean dnssecOk) {
    return question.getName().toString().toLowerCase(java.util.Locale.ROOT) + "/" + question.getType() + "/"
        + question.getDClass() + (dnssecOk ? "/do" : "");
  }

  synchronized Optional<Message> get(String key) {
    Cached e = entries.get(key);
    if (e == null) {
      return Optional.empty();
    }
    long age = (ticker.nanos() - e.storedNanos) / 1_000_000_000L;
    if (age >= e.ttlSeconds) {
      entries.remove(key);
      return Optional.empty();
    }
    Message copy = e.response.clone();
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      copy.removeAllRecords(section);
      for (Record r : e.response.getSection(section)) {
        boolean aged = r.getType() != org.xbill.DNS.Type.OPT;
        copy.addRecord(aged ? Record.newRecord(r.getName(), r.getType(), r.getDClass(), Math.max(0, r.getTTL() - age),
            r.rdataToWireCanonical()) : r, section);
      }
    }
    return Optional.of(copy);
  }

  synchronized void put(String key, Message response) {
    int rcode = response.getRcode();
    if (response.getHeader().getFlag(Flags.TC) || (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN)) {
      return;
    }
    long ttl = ttlOf(response);
    if (ttl > 0) {
      entries.put(key, new Cached(response, ticker.nanos(), Math.min(ttl, MAX_TTL)));
    }
  }

  private static long ttlOf(Message response) {
    List<Record> answers = response.getSection(Section.ANSWER);
    long ttl = Long.MAX_VALUE;
    for (Record r : answers) {
      ttl = Math.min(ttl, r.getTTL());
    }
    for (Record r : response.getSection(Section.AUTHORITY)) {
      ttl = Math.min(ttl, r instanceof SOARecord soa && answers.isEmpty() ? Math.min(soa.getTTL(), soa.getMinimum()) : r.getTTL());
    }
    return ttl == Long.MAX_VALUE ? 0 : ttl;
  }

  synchronized int size() {
    return entries.size();
  }
}

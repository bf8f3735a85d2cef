package io.berth.dns.server;

import io.berth.dns.DnsConfig;
import io.berth.dns.records.DnsNames;
import io.berth.dns.records.RecordSet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * Turns one query packet into its answer, for both transports. Cluster names are answered from the current
 * {@link RecordSet} (ordinary queries from the {@link AnswerCache} of that record set, with only id, flags and the
 * question's spelling patched in); other names go to the {@link Forwarder}. Malformed packets get FORMERR when they
 * have a header, queries that are responses are dropped, other opcodes get NOTIMP, EDNS versions above 0 BADVERS.
 * Never throws on any input.
 */
public final class QueryHandler {
  private static final Logger log = LoggerFactory.getLogger(QueryHandler.class);
  /** Our EDNS0 payload size. */
  static final int EDNS_PAYLOAD = 1232;

  /** What becomes of a packet. */
  public sealed interface Outcome {
    /** Send these bytes back. */
    record Reply(byte[] bytes) implements Outcome {}

    /** Send nothing. */
    record Drop() implements Outcome {}

    /** The answer comes later (forwarded); null bytes mean drop. */
    record Later(CompletableFuture<byte[]> bytes) implements Outcome {}
  }

  private static final Outcome DROP = new Outcome.Drop();

  private final DnsConfig config;
  private final Supplier<RecordSet> records;
  private final ZoneAnswers zones;
  private final Forwarder forwarder;
  private volatile AnswerCache cache = new AnswerCache(RecordSet.EMPTY);

  /**
   * @param authoritative answer the cluster zones from {@code records} (masters); false forwards them too (agents)
   * @param forwarder null when this server answers only for the cluster zones
   */
  public QueryHandler(DnsConfig config, Supplier<RecordSet> records, boolean authoritative, Forwarder forwarder) {
    this.config = config;
    this.records = records;
    this.zones = authoritative ? new ZoneAnswers(config) : null;
    this.forwarder = forwarder;
  }

  /**
   * The UDP fast path: the cached answer to an ordinary query written into {@code out} (ready to send), reading the
   * query into the caller's own {@code scratch} key; false when {@link #handle} must run. Allocates nothing.
   */
  boolean answerFromCache(byte[] packet, int length, QueryKey scratch, ByteBuffer out) {
    try {
      return scratch.read(packet, length, false) && cacheFor(records.get()).writeTo(scratch, packet, out);
    } catch (RuntimeException e) {
      return false; // the full path will answer (or fail) properly
    }
  }

  public Outcome handle(byte[] packet, int length, boolean tcp) {
    try {
      QueryKey key = new QueryKey();
      QueryKey fast = key.read(packet, length, tcp) ? key : null;
      AnswerCache current = cacheFor(records.get());
      if (fast != null) {
        byte[] hit = current.get(fast, packet);
        if (hit != null) {
          return new Outcome.Reply(hit);
        }
      }
      return slowPath(packet, length, tcp, fast, current);
    } catch (RuntimeException e) {
      log.warn("query handling failed; answering SERVFAIL", e);
      return length >= 12 ? new Outcome.Reply(headerOnly(packet, Rcode.SERVFAIL)) : DROP;
    }
  }

  private AnswerCache cacheFor(RecordSet set) {
    AnswerCache c = cache;
    if (c.records() != set) {
      c = new AnswerCache(set);
      cache = c;
    }
    return c;
  }

  private Outcome slowPath(byte[] packet, int length, boolean tcp, QueryKey fast, AnswerCache current) {
    if (length < 12) {
      return DROP;
    }
    if ((packet[2] & 0x80) != 0) {
      return DROP; // a response: never answer it (no reflection loops)
    }
    Message query;
    try {
      query = new Message(java.nio.ByteBuffer.wrap(packet, 0, length));
    } catch (IOException | RuntimeException e) {
      return new Outcome.Reply(headerOnly(packet, Rcode.FORMERR));
    }
    if (query.getHeader().getOpcode() != Opcode.QUERY) {
      return new Outcome.Reply(headerOnly(packet, Rcode.NOTIMP));
    }
    if (query.getHeader().getCount(Section.QUESTION) != 1 || query.getQuestion() == null) {
      return new Outcome.Reply(headerOnly(packet, Rcode.FORMERR));
    }
    OPTRecord opt = query.getOPT();
    if (opt != null && opt.getVersion() > 0) {
      Message badvers = ZoneAnswers.responseTo(query, config.recurse());
      badvers.addRecord(new OPTRecord(EDNS_PAYLOAD, Rcode.BADVERS >>> 4, 0, 0), Section.ADDITIONAL);
      return new Outcome.Reply(badvers.toWire());
    }
    int limit = Truncation.limit(query, tcp);
    String key = DnsNames.key(query.getQuestion().getName().toString());
    Optional<ZoneAnswers.Zone> zone = zones == null ? Optional.empty() : zones.zoneOf(key);
    if (zone.isPresent()) {
      int dclass = query.getQuestion().getDClass();
      if (dclass != DClass.IN && dclass != DClass.ANY) {
        return new Outcome.Reply(withEdns(Forwarder.failure(query, Rcode.REFUSED), opt, limit));
      }
      int variants = fast == null ? 1 : AnswerCache.VARIANTS;
      byte[][] answers = new byte[variants][];
      for (int v = 0; v < variants; v++) {
        Message response = zones.answer(query, zone.get(), current.records(), v);
        answers[v] = withEdns(response, opt, limit);
      }
      if (fast != null) {
        current.put(fast, answers);
      }
      return new Outcome.Reply(answers[ThreadLocalRandom.current().nextInt(variants)]);
    }
    if (forwarder == null || !config.external() || !forwarder.enabled()) {
      return new Outcome.Reply(withEdns(Forwarder.failure(query, Rcode.REFUSED), opt, limit));
    }
    return new Outcome.Later(forwarder.forward(query, tcp).thenApply(response -> {
      if (opt != null && response.getOPT() == null) {
        response.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0, opt.getFlags() & org.xbill.DNS.ExtendedFlags.DO), Section.ADDITIONAL);
      }
      return Truncation.toWire(response, limit, true);
    }));
  }

  private byte[] withEdns(Message response, OPTRecord queryOpt, int limit) {
    if (queryOpt != null) {
      response.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0, queryOpt.getFlags() & org.xbill.DNS.ExtendedFlags.DO),
          Section.ADDITIONAL);
    }
    return Truncation.toWire(response, limit, config.truncateBit());
  }

  /** A response that is only the query's header: same id and opcode, QR set, counts zero. */
  static byte[] headerOnly(byte[] packet, int rcode) {
    byte[] out = new byte[12];
    out[0] = packet[0];
    out[1] = packet[1];
    out[2] = (byte) (0x80 | (packet[2] & 0x79)); // QR, opcode and RD of the query
    out[3] = (byte) (rcode & 0x0f);
    return out;
  }
}

package io.berth.logs.api;

import io.berth.common.error.BerthException;
import io.berth.http.Request;
import io.berth.logs.journal.Cursor;
import io.berth.logs.journal.FieldMatch;
import io.berth.logs.journal.JournalQuery;
import java.util.List;

/**
 * The journal query of a request (spec §1.2): {@code cursor} (BEG, END or an entry's cursor), {@code skip} (v2;
 * negative moves back) or {@code skip_next}/{@code skip_prev} (v1), {@code limit}, repeated {@code filter=FIELD:value},
 * the {@code Last-Event-ID} header, which resumes after that entry, and {@code read_reverse} (v1: newest first, the
 * entries older than where the forward read would start). Without a cursor, reading starts at the beginning, or at
 * the end when it moves back first ({@code skip_prev=10} gives the last ten entries) or reads in reverse.
 */
final class JournalParams {
  private JournalParams() {}

  static JournalQuery query(Request request) {
    long limit = request.queryLong("limit").orElse(-1L);
    if (request.query("limit").isPresent() && limit < 0) {
      throw BerthException.badRequest("Invalid limit " + limit + ": it must not be negative");
    }
    long skip = skip(request);
    boolean reverse = readReverse(request);
    List<FieldMatch> matches = request.query().getOrDefault("filter", List.of()).stream().map(FieldMatch::parse).toList();
    JournalQuery.Start start;
    var lastEventId = request.header("Last-Event-ID").filter(s -> !s.isBlank());
    if (lastEventId.isPresent()) {
      start = new JournalQuery.Start.After(Cursor.parse(lastEventId.get()));
    } else if (request.query("cursor").isPresent()) {
      start = JournalQuery.start(request.query("cursor").get());
    } else {
      start = skip < 0 || reverse ? new JournalQuery.Start.End() : new JournalQuery.Start.Beginning();
    }
    return new JournalQuery(start, skip, limit, matches, reverse);
  }

  /** {@code read_reverse}: true/false (any case) or 1/0, absent = false. */
  private static boolean readReverse(Request request) {
    return request.query("read_reverse").map(v -> switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw BerthException.badRequest("Invalid read_reverse '" + v + "': it must be true or false");
    }).orElse(false);
  }

  private static long skip(Request request) {
    var skip = request.queryLong("skip");
    var next = request.queryLong("skip_next");
    var prev = request.queryLong("skip_prev");
    if (next.filter(n -> n < 0).isPresent() || prev.filter(n -> n < 0).isPresent()) {
      throw BerthException.badRequest("skip_next and skip_prev must not be negative (skip may be)");
    }
    if (skip.isPresent() && (next.isPresent() || prev.isPresent())) {
      throw BerthException.badRequest("Give either skip, or skip_next/skip_prev, not both");
    }
    if (next.isPresent() && prev.isPresent()) {
      throw BerthException.badRequest("Give either skip_next or skip_prev, not both");
    }
    return skip.orElse(next.orElse(0L) - prev.orElse(0L));
  }
}

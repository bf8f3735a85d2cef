package io.berth.logs.journal;

import io.berth.common.error.BerthException;
import java.util.List;

/**
 * What to read from a journal: from where ({@link Start}), how many matching entries to move first ({@code skip},
 * negative = backwards), at most how many to return ({@code limit}, -1 = all), the matches (AND), and the direction:
 * {@code reverse} reads the entries older than where a forward read would start, newest first (dcos-log's
 * {@code read_reverse}).
 */
public record JournalQuery(Start start, long skip, long limit, List<FieldMatch> matches, boolean reverse) {
  public JournalQuery {
    if (limit < -1) {
      throw BerthException.badRequest("Invalid limit " + limit + ": it must not be negative");
    }
    matches = List.copyOf(matches);
  }

  /** A forward read. */
  public JournalQuery(Start start, long skip, long limit, List<FieldMatch> matches) {
    this(start, skip, limit, matches, false);
  }

  /** The whole journal. */
  public static JournalQuery all() {
    return new JournalQuery(new Start.Beginning(), 0, -1, List.of());
  }

  /** The last {@code n} entries. */
  public static JournalQuery last(long n) {
    return new JournalQuery(new Start.End(), -n, -1, List.of());
  }

  public JournalQuery withMatches(List<FieldMatch> more) {
    List<FieldMatch> all = new java.util.ArrayList<>(matches);
    all.addAll(more);
    return new JournalQuery(start, skip, limit, all, reverse);
  }

  /** Where reading starts: before the first entry, after the last one, or at an entry's cursor. */
  public sealed interface Start {
    /** {@code BEG}. */
    record Beginning() implements Start {}

    /** {@code END}. */
    record End() implements Start {}

    /** At (and including) the entry of this cursor, or the first one after it. */
    record At(Cursor cursor) implements Start {}

    /** After the entry of this cursor (what a follower that saw it resumes from: SSE's Last-Event-ID). */
    record After(Cursor cursor) implements Start {}

    /** Parses {@code BEG}, {@code END} or a cursor. */
    static Start parse(String text) {
      return switch (text.strip()) {
        case "BEG" -> new Beginning();
        case "END" -> new End();
        default -> new At(Cursor.parse(text));
      };
    }
  }

  /** The start given by a request's {@code cursor} parameter. */
  public static Start start(String cursorParameter) {
    return Start.parse(cursorParameter);
  }
}

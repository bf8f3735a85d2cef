package io.berth.logs.journal;

import io.berth.common.error.BerthException;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a journal entry starts: the generation of its file and the byte offset of its line, written
 * {@code <day>.<index>:<offset>} (e.g. {@code 2026-11-25.3:18204}). Journal files are never renamed (rotation opens
 * the next generation), so a cursor stays valid until its file is deleted; entries are ordered by cursor.
 */
public record Cursor(Generation generation, long offset) implements Comparable<Cursor> {
  private static final Pattern TEXT = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.(\\d{1,9}):(\\d{1,18})");
  private static final Comparator<Cursor> ORDER = Comparator.comparing(Cursor::generation)
      .thenComparingLong(Cursor::offset);

  public Cursor {
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset " + offset);
    }
  }

  /** Parses a cursor; anything else is a 400. */
  public static Cursor parse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw BerthException.badRequest("Invalid cursor '" + text + "': expected BEG, END or <day>.<index>:<offset>"
          + " as given in an entry's cursor");
    }
    return new Cursor(new Generation(m.group(1), Integer.parseInt(m.group(2))), Long.parseLong(m.group(3)));
  }

  @Override
  public int compareTo(Cursor other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return generation + ":" + offset;
  }

  /** One journal file: its day (UTC) and its index within the day. */
  public record Generation(String day, int index) implements Comparable<Generation> {
    private static final Pattern FILE = Pattern.compile("journal\\.(\\d{4}-\\d{2}-\\d{2})\\.(\\d{1,9})\\.jsonl");

    /** The generation of a journal file name, or null when the name is not one. */
    public static Generation ofFileName(String name) {
      Matcher m = FILE.matcher(name);
      return m.matches() ? new Generation(m.group(1), Integer.parseInt(m.group(2))) : null;
    }

    public String fileName() {
      return "journal." + day + "." + index + ".jsonl";
    }

    @Override
    public int compareTo(Generation other) {
      int byDay = day.compareTo(other.day);
      return byDay != 0 ? byDay : Integer.compare(index, other.index);
    }

    @Override
    public String toString() {
      return day + "." + index;
    }
  }
}

package io.berth.logs.journal;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.BerthException;
import io.berth.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads a node's journal directory ({@link NodeJournal}'s files, one JSON object per line): entries from a cursor,
 * forward and backward, with field matches, across rotated files. Lines still being written (no newline yet) are not
 * entries yet; a cursor whose file was deleted by rotation reads on from the oldest file left.
 */
public final class JournalReader {
  private final Path dir;

  public JournalReader(Path dir) {
    this.dir = dir;
  }

  /** The entries the query selects, oldest first (newest first for a reverse query). */
  public List<JournalEntry> read(JournalQuery query) {
    Cursor from = position(query);
    if (from == null) {
      return List.of();
    }
    if (query.reverse()) {
      return readBackward(query, from);
    }
    Iterator<JournalEntry> forward = forward(from, query.matches());
    if (query.start() instanceof JournalQuery.Start.After after && query.skip() >= 0) {
      forward = dropThrough(forward, after.cursor());
    }
    for (long i = 0; i < query.skip() && forward.hasNext(); i++) {
      forward.next();
    }
    List<JournalEntry> out = new ArrayList<>();
    while (forward.hasNext() && (query.limit() < 0 || out.size() < query.limit())) {
      out.add(forward.next());
    }
    return out;
  }

  /**
   * A reverse query: the matching entries older than where its forward read would start ({@code from} moved by a
   * forward skip; after an {@code After} cursor, that entry is the newest), newest first, up to the limit.
   */
  private List<JournalEntry> readBackward(JournalQuery query, Cursor from) {
    Cursor before = from;
    if (query.skip() > 0) {
      Iterator<JournalEntry> forward = forward(from, query.matches());
      if (query.start() instanceof JournalQuery.Start.After after) {
        forward = dropThrough(forward, after.cursor());
      }
      for (long i = 0; i < query.skip() && forward.hasNext(); i++) {
        forward.next();
      }
      before = forward.hasNext() ? forward.next().cursor() : end();
    } else if (query.skip() == 0 && query.start() instanceof JournalQuery.Start.After after) {
      before = new Cursor(after.cursor().generation(), after.cursor().offset() + 1);
    }
    List<JournalEntry> out = new ArrayList<>();
    for (Cursor.Generation g : generations().reversed()) {
      if (g.compareTo(before.generation()) > 0) {
        continue;
      }
      long until = g.equals(before.generation()) ? before.offset() : Long.MAX_VALUE;
      for (JournalEntry e : entries(g, 0, until, query.matches()).reversed()) {
        if (query.limit() >= 0 && out.size() >= query.limit()) {
          return out;
        }
        out.add(e);
      }
    }
    return out;
  }

  /** Where a query's forward read starts (after a backward skip); null when the journal is empty. */
  private Cursor position(JournalQuery query) {
    List<Cursor.Generation> generations = generations();
    if (generations.isEmpty()) {
      return null;
    }
    Cursor start = switch (query.start()) {
      case JournalQuery.Start.Beginning b -> new Cursor(generations.getFirst(), 0);
      case JournalQuery.Start.End e -> end(generations.getLast());
      case JournalQuery.Start.At at -> at.cursor();
      case JournalQuery.Start.After after -> after.cursor();
    };
    if (query.skip() >= 0) {
      return start;
    }
    Cursor earliest = start;
    long wanted = -query.skip();
    for (Cursor.Generation g : generations.reversed()) {
      if (g.compareTo(start.generation()) > 0) {
        continue;
      }
      List<JournalEntry> entries = entries(g, 0, g.equals(start.generation()) ? start.offset() : Long.MAX_VALUE,
          query.matches());
      for (JournalEntry e : entries.reversed()) {
        earliest = e.cursor();
        if (--wanted == 0) {
          return earliest;
        }
      }
    }
    return new Cursor(generations.getFirst(), 0);
  }

  private static Iterator<JournalEntry> dropThrough(Iterator<JournalEntry> it, Cursor seen) {
    List<JournalEntry> first = new ArrayList<>();
    while (it.hasNext()) {
      JournalEntry e = it.next();
      if (e.cursor().compareTo(seen) > 0) {
        first.add(e);
        break;
      }
    }
    Iterator<JournalEntry> head = first.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return head.hasNext() || it.hasNext();
      }

      @Override
      public JournalEntry next() {
        return head.hasNext() ? head.next() : it.next();
      }
    };
  }

  /** The position after the newest complete entry, or null when the journal is empty. */
  public Cursor end() {
    List<Cursor.Generation> generations = generations();
    return generations.isEmpty() ? null : end(generations.getLast());
  }

  /** The distinct values of one field, sorted. */
  public List<String> values(String field) {
    TreeSet<String> values = new TreeSet<>();
    for (Cursor.Generation g : generations()) {
      for (JournalEntry e : entries(g, 0, Long.MAX_VALUE, List.of())) {
        String v = e.fields().get(field);
        if (v != null) {
          values.add(v);
        }
      }
    }
    return List.copyOf(values);
  }

  /** The journal files present, oldest first. */
  public List<Cursor.Generation> generations() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> Cursor.Generation.ofFileName(p.getFileName().toString()))
          .filter(java.util.Objects::nonNull).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the journal " + dir, e);
    }
  }

  private Cursor end(Cursor.Generation last) {
    byte[] bytes = bytes(last, 0);
    int lastNewline = lastIndexOf(bytes, bytes.length);
    return new Cursor(last, lastNewline + 1L);
  }

  private Iterator<JournalEntry> forward(Cursor from, List<FieldMatch> matches) {
    List<Cursor.Generation> later = generations().stream().filter(g -> g.compareTo(from.generation()) >= 0).toList();
    return new Iterator<>() {
      private int file = 0;
      private Iterator<JournalEntry> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && file < later.size()) {
          Cursor.Generation g = later.get(file++);
          current = entries(g, g.equals(from.generation()) ? from.offset() : 0, Long.MAX_VALUE, matches).iterator();
        }
        return current.hasNext();
      }

      @Override
      public JournalEntry next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  /** The complete, matching entries of one file whose line starts in [{@code from}, {@code before}). */
  private List<JournalEntry> entries(Cursor.Generation g, long from, long before, List<FieldMatch> matches) {
    byte[] bytes = bytes(g, 0);
    int at = (int) Math.min(from, bytes.length);
    if (at > 0 && bytes[at - 1] != '\n') {
      int nl = indexOf(bytes, at);
      at = nl < 0 ? bytes.length : nl + 1;
    }
    List<JournalEntry> out = new ArrayList<>();
    while (at < bytes.length && at < before) {
      int nl = indexOf(bytes, at);
      if (nl < 0) {
        break; // a line still being written
      }
      JournalEntry e = parse(new Cursor(g, at), bytes, at, nl - at);
      if (e != null && matches.stream().allMatch(m -> m.test(e.fields()))) {
        out.add(e);
      }
      at = nl + 1;
    }
    return out;
  }

  private static JournalEntry parse(Cursor cursor, byte[] bytes, int offset, int length) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(bytes, offset, length);
    } catch (IOException | BerthException e) {
      return null; // not an entry (a torn line after a crash)
    }
    if (node == null || !node.isObject()) {
      return null;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    node.properties().forEach(f -> {
      if (!f.getKey().equals(JournalEntry.REALTIME) && !f.getKey().equals(JournalEntry.MONOTONIC)) {
        fields.put(f.getKey(), f.getValue().isTextual() ? f.getValue().textValue() : f.getValue().toString());
      }
    });
    return new JournalEntry(cursor, fields, node.path(JournalEntry.REALTIME).asLong(),
        node.path(JournalEntry.MONOTONIC).asLong());
  }

  private byte[] bytes(Cursor.Generation g, long from) {
    try (FileChannel ch = FileChannel.open(dir.resolve(g.fileName()), StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("journal file " + g.fileName() + " is too large: " + size);
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, size - from));
      while (buffer.hasRemaining() && ch.read(buffer, from + buffer.position()) > 0) {
        // until full or the end of the file
      }
      return buffer.position() == buffer.capacity() ? buffer.array()
          : java.util.Arrays.copyOf(buffer.array(), buffer.position());
    } catch (NoSuchFileException e) {
      return new byte[0]; // deleted by rotation meanwhile
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + g.fileName(), e);
    }
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(byte[] bytes, int before) {
    for (int i = before - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}

package io.berth.logs.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines of a task's sandbox file (stdout, stderr, ...), read piecewise through a {@link FileSource}: from a byte
 * offset ({@code BEG} = 0, {@code END} = the size), moved {@code skip} lines (negative: backwards, as
 * {@code skip=-10} from {@code END} gives the last ten lines), at most {@code limit} lines. Each line's cursor is the
 * offset after it. No clock, no threads; the only I/O is the source's.
 */
final class TaskFileReader {
  static final int CHUNK = 64 * 1024;

  /** A file read in pieces: its size, and up to {@code length} bytes at {@code offset} (fewer at its end). */
  interface FileSource {
    long size();

    byte[] read(long offset, int length);
  }

  /** A line without its newline, and the offset after it. */
  record Line(String text, long end) {}

  /** The lines read and where the next read starts. */
  record Lines(List<Line> lines, long next) {}

  private TaskFileReader() {}

  /** The start offset of {@code cursor} ("BEG", "END" or a byte offset) moved by {@code skip} lines. */
  static long position(FileSource file, long size, long start, long skip) {
    long at = Math.min(start, size);
    if (skip < 0) {
      return back(file, at, -skip);
    }
    for (long skipped = 0; skipped < skip && at < size; skipped++) {
      long nl = nextNewline(file, at, size);
      at = nl < 0 ? size : nl + 1;
    }
    return at;
  }

  /**
   * Up to {@code limit} lines (-1: all) from {@code at}; a last line without a newline counts only when
   * {@code partialLast} (a read to the end of a file that is not being followed).
   */
  static Lines lines(FileSource file, long size, long at, long limit, boolean partialLast) {
    List<Line> out = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    long pos = at;
    long lineStart = at;
    while (pos < size && (limit < 0 || out.size() < limit)) {
      byte[] chunk = file.read(pos, (int) Math.min(CHUNK, size - pos));
      if (chunk.length == 0) {
        break;
      }
      for (int i = 0; i < chunk.length && (limit < 0 || out.size() < limit); i++) {
        if (chunk[i] == '\n') {
          out.add(new Line(line.toString(StandardCharsets.UTF_8), pos + i + 1));
          line.reset();
          lineStart = pos + i + 1;
        } else {
          line.write(chunk[i]);
        }
      }
      pos += chunk.length;
    }
    if (partialLast && line.size() > 0 && (limit < 0 || out.size() < limit) && pos >= size) {
      out.add(new Line(line.toString(StandardCharsets.UTF_8), size));
      lineStart = size;
    }
    return new Lines(out, lineStart);
  }

  private static long back(FileSource file, long from, long count) {
    long cur = from;
    long window = CHUNK;
    while (true) {
      long lo = Math.max(0, from - window);
      byte[] bytes = readFully(file, lo, (int) (from - lo));
      cur = from;
      boolean needMore = false;
      for (long k = 0; k < count && cur > 0; k++) {
        long idx = -1;
        for (long i = cur - 2; i >= lo; i--) {
          if (bytes[(int) (i - lo)] == '\n') {
            idx = i;
            break;
          }
        }
        if (idx < 0 && lo > 0) {
          needMore = true;
          break;
        }
        cur = idx + 1;
      }
      if (!needMore) {
        return cur;
      }
      window *= 2;
    }
  }

  private static long nextNewline(FileSource file, long at, long size) {
    long pos = at;
    while (pos < size) {
      byte[] chunk = file.read(pos, (int) Math.min(CHUNK, size - pos));
      if (chunk.length == 0) {
        return -1;
      }
      for (int i = 0; i < chunk.length; i++) {
        if (chunk[i] == '\n') {
          return pos + i;
        }
      }
      pos += chunk.length;
    }
    return -1;
  }

  private static byte[] readFully(FileSource file, long offset, int length) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(length);
    long pos = offset;
    while (out.size() < length) {
      byte[] chunk = file.read(pos, Math.min(CHUNK, length - out.size()));
      if (chunk.length == 0) {
        break;
      }
      out.writeBytes(chunk);
      pos += chunk.length;
    }
    byte[] bytes = out.toByteArray();
    return bytes.length == length ? bytes : java.util.Arrays.copyOf(bytes, length);
  }
}

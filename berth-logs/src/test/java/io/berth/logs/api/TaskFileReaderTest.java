package io.berth.logs.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskFileReaderTest {
  /** An in-memory file that hands out at most 7 bytes per read, so every line crosses reads. */
  record Bytes(byte[] data) implements TaskFileReader.FileSource {
    static Bytes of(String text) {
      return new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public long size() {
      return data.length;
    }

    @Override
    public byte[] read(long offset, int length) {
      int from = (int) Math.min(offset, data.length);
      return Arrays.copyOfRange(data, from, (int) Math.min(data.length, from + Math.min(length, 7)));
    }
  }

  private static List<String> texts(TaskFileReader.Lines lines) {
    return lines.lines().stream().map(TaskFileReader.Line::text).toList();
  }

  @Test
  void lastLinesFromTheEndCountAPartialLastLine() {
    Bytes file = Bytes.of("one\ntwo\nthree\nfour\n");
    long at = TaskFileReader.position(file, file.size(), file.size(), -2);
    assertThat(texts(TaskFileReader.lines(file, file.size(), at, -1, true))).containsExactly("three", "four");
    Bytes partial = Bytes.of("one\ntwo\nthr");
    long p = TaskFileReader.position(partial, partial.size(), partial.size(), -2);
    assertThat(texts(TaskFileReader.lines(partial, partial.size(), p, -1, true))).containsExactly("two", "thr");
    assertThat(texts(TaskFileReader.lines(partial, partial.size(), p, -1, false))).containsExactly("two");
    assertThat(TaskFileReader.position(file, file.size(), file.size(), -99)).isZero();
  }

  @Test
  void cursorsAreOffsetsAfterEachLineAndSkipMovesForward() {
    Bytes file = Bytes.of("a\nbb\nccc\n");
    TaskFileReader.Lines all = TaskFileReader.lines(file, file.size(), 0, -1, true);
    assertThat(all.lines()).containsExactly(new TaskFileReader.Line("a", 2), new TaskFileReader.Line("bb", 5),
        new TaskFileReader.Line("ccc", 9));
    long skipped = TaskFileReader.position(file, file.size(), 0, 1);
    assertThat(skipped).isEqualTo(2);
    assertThat(texts(TaskFileReader.lines(file, file.size(), skipped, 1, true))).containsExactly("bb");
    assertThat(texts(TaskFileReader.lines(file, file.size(), 5, -1, true))).containsExactly("ccc");
    assertThat(TaskFileReader.position(file, file.size(), 0, 10)).isEqualTo(9);
    assertThat(TaskFileReader.lines(file, file.size(), 9, -1, true).lines()).isEmpty();
  }

  @Test
  void backwardsAcrossMoreThanOneChunk() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append("line ").append(i).append('\n');
    }
    byte[] data = text.toString().getBytes(StandardCharsets.UTF_8);
    TaskFileReader.FileSource big = new TaskFileReader.FileSource() {
      @Override
      public long size() {
        return data.length;
      }

      @Override
      public byte[] read(long offset, int length) {
        return Arrays.copyOfRange(data, (int) offset, (int) Math.min(data.length, offset + length));
      }
    };
    long at = TaskFileReader.position(big, data.length, data.length, -15_000);
    TaskFileReader.Lines lines = TaskFileReader.lines(big, data.length, at, 2, true);
    assertThat(texts(lines)).containsExactly("line 5000", "line 5001");
  }
}

package io.berth.logs.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.logs.journal.Cursor;
import io.berth.logs.journal.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFormatTest {
  private final JournalEntry entry = new JournalEntry(new Cursor(new Cursor.Generation("2026-11-25", 2), 40),
      Map.of("MESSAGE", "hello"), 1_764_072_000_123_456L, 99L);

  @Test
  void acceptChoosesTheFirstKnownTypeAndDefaultsToText() {
    assertThat(LogFormat.of(List.of())).isEqualTo(LogFormat.TEXT);
    assertThat(LogFormat.of(List.of("image/png, application/json;q=0.9"))).isEqualTo(LogFormat.JSON);
    assertThat(LogFormat.of(List.of("text/event-stream"))).isEqualTo(LogFormat.EVENT_STREAM);
    assertThat(LogFormat.of(List.of("*/*", "application/json"))).isEqualTo(LogFormat.TEXT);
    assertThat(LogFormat.of(List.of("text/html"))).isEqualTo(LogFormat.TEXT);
  }

  @Test
  void rendersTheThreeFormats() {
    assertThat(text(LogFormat.TEXT.render(entry))).isEqualTo("2025-11-25 12:00:00: hello\n");
    assertThat(text(LogFormat.JSON.render(entry))).isEqualTo("{\"fields\":{\"MESSAGE\":\"hello\"},"
        + "\"cursor\":\"2026-11-25.2:40\",\"monotonic_timestamp\":99,\"realtime_timestamp\":1764072000123456}\n");
    assertThat(text(LogFormat.EVENT_STREAM.render(entry))).startsWith("id: 2026-11-25.2:40\ndata: {\"fields\"")
        .endsWith("}\n\n");
    assertThat(text(LogFormat.EVENT_STREAM.renderLine("out", 12, Map.of("FILE", "stdout"))))
        .isEqualTo("id: 12\ndata: {\"fields\":{\"MESSAGE\":\"out\",\"FILE\":\"stdout\"}}\n\n");
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}

package io.berth.logs.api;

import io.berth.common.json.Json;
import io.berth.logs.journal.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The answer formats of the logs API, chosen by {@code Accept} (spec §1.3), and how each renders a journal entry
 * (pure): {@code text/plain} as {@code YYYY-MM-DD HH:MM:SS: MESSAGE} (UTC), {@code application/json} as one object
 * per line, {@code text/event-stream} as {@code id: <cursor>} plus {@code data: <the JSON>}.
 */
public enum LogFormat {
  TEXT("text/plain; charset=utf-8"),
  JSON("application/json"),
  EVENT_STREAM("text/event-stream");

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private final String contentType;

  LogFormat(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  /** The first media type of the {@code Accept} values that names a format; text when none does. */
  public static LogFormat of(List<String> acceptHeaders) {
    for (String header : acceptHeaders) {
      for (String part : header.split(",")) {
        String type = part.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        switch (type) {
          case "text/event-stream" -> {
            return EVENT_STREAM;
          }
          case "application/json" -> {
            return JSON;
          }
          case "text/plain", "text/html", "*/*" -> {
            return TEXT;
          }
          default -> {
            // not a format of this API: look further
          }
        }
      }
    }
    return TEXT;
  }

  /** One journal entry in this format, with its line end(s). */
  public byte[] render(JournalEntry entry) {
    String text = switch (this) {
      case TEXT -> TIME.format(Instant.ofEpochSecond(entry.realtimeMicros() / 1_000_000L,
          (entry.realtimeMicros() % 1_000_000L) * 1000)) + ": " + entry.message() + "\n";
      case JSON -> json(entry) + "\n";
      case EVENT_STREAM -> "id: " + entry.cursor() + "\ndata: " + json(entry) + "\n\n";
    };
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A line of a task's file in this format; {@code endOffset} is the byte offset after it (its cursor). */
  public byte[] renderLine(String line, long endOffset, Map<String, String> taskFields) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("MESSAGE", line);
    fields.putAll(taskFields);
    String text = switch (this) {
      case TEXT -> line + "\n";
      case JSON -> Json.writeString(Map.of("fields", fields, "cursor", Long.toString(endOffset))) + "\n";
      case EVENT_STREAM -> "id: " + endOffset + "\ndata: " + Json.writeString(Map.of("fields", fields)) + "\n\n";
    };
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String json(JournalEntry entry) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("fields", entry.fields());
    out.put("cursor", entry.cursor().toString());
    out.put("monotonic_timestamp", entry.monotonicMicros());
    out.put("realtime_timestamp", entry.realtimeMicros());
    return Json.writeString(out);
  }
}

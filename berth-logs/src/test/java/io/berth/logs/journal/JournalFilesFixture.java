package io.berth.logs.journal;

import io.berth.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes journal files the way {@link NodeJournal} does (one JSON object per line), for reader tests. */
public final class JournalFilesFixture {
  private final Path dir;

  public JournalFilesFixture(Path dir) {
    this.dir = dir;
  }

  /** Appends an entry to a generation's file and gives its cursor. */
  public Cursor append(String day, int index, String message, String unit) throws IOException {
    Path file = dir.resolve(new Cursor.Generation(day, index).fileName());
    long offset = Files.exists(file) ? Files.size(file) : 0;
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("MESSAGE", message);
    line.put("PRIORITY", "6");
    line.put("_SYSTEMD_UNIT", unit);
    line.put(JournalEntry.REALTIME, 1_795_000_000_000_000L + offset);
    line.put(JournalEntry.MONOTONIC, 42L);
    Files.write(file, (Json.writeString(line) + "\n").getBytes(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return new Cursor(new Cursor.Generation(day, index), offset);
  }

  public void appendRaw(String day, int index, String text) throws IOException {
    Files.write(dir.resolve(new Cursor.Generation(day, index).fileName()), text.getBytes(), StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}

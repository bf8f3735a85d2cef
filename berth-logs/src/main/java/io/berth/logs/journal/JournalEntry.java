package io.berth.logs.journal;

import java.util.Map;

/**
 * One journal entry as read: its cursor, its journald-like fields (MESSAGE, PRIORITY, SYSLOG_IDENTIFIER,
 * _SYSTEMD_UNIT, UNIT, THREAD, LOGGER, _HOSTNAME, _PID; all strings) and its timestamps in microseconds (realtime
 * since the epoch, monotonic since boot).
 */
public record JournalEntry(Cursor cursor, Map<String, String> fields, long realtimeMicros, long monotonicMicros) {
  /** The field name of the realtime timestamp in the journal files. */
  public static final String REALTIME = "__REALTIME_TIMESTAMP";
  /** The field name of the monotonic timestamp in the journal files. */
  public static final String MONOTONIC = "__MONOTONIC_TIMESTAMP";

  public JournalEntry {
    fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
  }

  public String message() {
    return fields.getOrDefault("MESSAGE", "");
  }
}

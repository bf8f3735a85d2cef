package io.berth.logs.journal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.encoder.EncoderBase;
import io.berth.common.json.Json;
import io.berth.common.time.Ticker;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Logback encoder of the node journal: one JSON object per event on one line, with journald's field names
 * (MESSAGE with the stack trace if any, PRIORITY as a syslog number, SYSLOG_IDENTIFIER, UNIT, _SYSTEMD_UNIT, THREAD,
 * LOGGER, _HOSTNAME, _PID, and the timestamps in microseconds).
 */
public final class JournalEncoder extends EncoderBase<ILoggingEvent> {
  private final String processName;
  private final String hostname;
  private final long pid;
  private final Ticker ticker;

  /**
   * @param processName e.g. {@code berth-master}: the process's unit is {@code berth-master.service}
   * @param ticker the monotonic clock of {@code __MONOTONIC_TIMESTAMP} (the system's counts from boot)
   */
  public JournalEncoder(String processName, String hostname, long pid, Ticker ticker) {
    this.processName = processName;
    this.hostname = hostname;
    this.pid = pid;
    this.ticker = ticker;
  }

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    Map<String, String> fields = fields(event.getFormattedMessage(), event.getLevel(), event.getLoggerName(),
        event.getThreadName(), event.getThrowableProxy() == null ? null
            : ThrowableProxyUtil.asString(event.getThrowableProxy()));
    Map<String, Object> line = new LinkedHashMap<>(fields);
    line.put(JournalEntry.REALTIME, micros(event.getInstant()));
    line.put(JournalEntry.MONOTONIC, ticker.nanos() / 1000);
    byte[] json = Json.write(line);
    byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
    out[json.length] = '\n';
    return out;
  }

  /** The journal fields of one log event (pure). */
  Map<String, String> fields(String message, Level level, String logger, String thread, String stackTrace) {
    String component = LogUnits.component(logger, processName);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("MESSAGE", stackTrace == null ? String.valueOf(message)
        : message + CoreConstants.LINE_SEPARATOR + stackTrace.stripTrailing());
    fields.put("PRIORITY", Integer.toString(priority(level)));
    fields.put("SYSLOG_IDENTIFIER", component);
    fields.put("UNIT", LogUnits.unit(component));
    fields.put("_SYSTEMD_UNIT", LogUnits.unit(processName));
    fields.put("THREAD", String.valueOf(thread));
    fields.put("LOGGER", String.valueOf(logger));
    fields.put("_HOSTNAME", hostname);
    fields.put("_PID", Long.toString(pid));
    return fields;
  }

  /** Syslog priorities: err 3, warning 4, info 6, debug 7. */
  static int priority(Level level) {
    return switch (level.toInt()) {
      case Level.ERROR_INT -> 3;
      case Level.WARN_INT -> 4;
      case Level.INFO_INT -> 6;
      default -> 7;
    };
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }
}

package io.berth.logs.api;

import io.berth.common.error.BerthException;
import io.berth.common.json.Json;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.http.Routes;
import io.berth.logs.journal.Cursor;
import io.berth.logs.journal.FieldMatch;
import io.berth.logs.journal.JournalEntry;
import io.berth.logs.journal.JournalQuery;
import io.berth.logs.journal.JournalReader;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * The journal routes of the logs API under {@link LogsApi#PREFIX}: v1 {@code /v1/range/},
 * {@code /v1/range/download} (gzipped), {@code /v1/stream/}, {@code /v1/fields/<field>} and v2
 * {@code /v2/component[/<unit>]} (a range, or a stream when the client asks for {@code text/event-stream}). A range
 * that matches nothing is 204; streams follow the journal until the client goes away.
 */
final class JournalApi {
  private static final long POLL_NANOS = 200_000_000L;
  /** An SSE comment after this many idle polls (~2 s), so a client that went away is noticed and its thread ends. */
  private static final int KEEPALIVE_POLLS = 10;
  private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_]+");
  static final Map<String, String> STREAM_HEADERS = Map.of("Cache-Control", "no-cache", "X-Accel-Buffering", "no");

  private final JournalReader reader;

  JournalApi(JournalReader reader) {
    this.reader = reader;
  }

  void register(Routes.Builder routes) {
    for (String slash : new String[] {"", "/"}) {
      routes.get(LogsApi.PREFIX + "/v1/range" + slash, r -> range(r, List.of()));
      routes.get(LogsApi.PREFIX + "/v1/stream" + slash, r -> stream(r, List.of()));
      routes.get(LogsApi.PREFIX + "/v2/component" + slash, r -> component(r, List.of()));
    }
    routes.get(LogsApi.PREFIX + "/v1/range/download", this::download);
    routes.get(LogsApi.PREFIX + "/v1/fields/{field}", this::fields);
    routes.get(LogsApi.PREFIX + "/v2/component/{unit}", r -> component(r, List.of(FieldMatch.unit(r.pathParam("unit")))));
  }

  private Response component(Request request, List<FieldMatch> unit) {
    return format(request) == LogFormat.EVENT_STREAM ? stream(request, unit) : range(request, unit);
  }

  private Response range(Request request, List<FieldMatch> extra) {
    JournalQuery query = JournalParams.query(request).withMatches(extra);
    LogFormat format = format(request);
    List<JournalEntry> entries = reader.read(query);
    if (entries.isEmpty()) {
      return Response.empty(204);
    }
    return new Response.Bytes(200, format.contentType(), render(format, entries), Map.of());
  }

  /** The entries in the client's format, one after the other. */
  private static byte[] render(LogFormat format, List<JournalEntry> entries) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (JournalEntry e : entries) {
      out.writeBytes(format.render(e));
    }
    return out.toByteArray();
  }

  /** A range as a gzipped attachment, {@code root-range[-<postfix>].log.gz} as dcos-log names it. */
  private Response download(Request request) {
    JournalQuery query = JournalParams.query(request);
    LogFormat format = format(request);
    byte[] rendered = render(format, reader.read(query));
    return GzipDownload.of(request, "root-range", out -> out.write(rendered));
  }

  private Response stream(Request request, List<FieldMatch> extra) {
    JournalQuery query = JournalParams.query(request).withMatches(extra);
    if (query.reverse()) {
      throw BerthException.badRequest("read_reverse cannot be used with a stream, which follows the journal forward");
    }
    LogFormat format = format(request);
    Cursor end = reader.end();
    List<JournalEntry> backlog = reader.read(query);
    return new Response.Stream(200, format.contentType(), STREAM_HEADERS, out -> {
      JournalQuery.Start next = end == null ? new JournalQuery.Start.Beginning() : new JournalQuery.Start.At(end);
      if (query.start() instanceof JournalQuery.Start.After after && backlog.isEmpty()) {
        next = after;
      }
      next = write(out, format, backlog, next);
      int idle = 0;
      while (!Thread.currentThread().isInterrupted()) {
        List<JournalEntry> fresh = reader.read(new JournalQuery(next, 0, -1, query.matches()));
        if (fresh.isEmpty()) {
          if (++idle >= KEEPALIVE_POLLS && format == LogFormat.EVENT_STREAM) {
            out.write(": keepalive\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.flush();
            idle = 0;
          }
          LockSupport.parkNanos(POLL_NANOS);
          continue;
        }
        idle = 0;
        next = write(out, format, fresh, next);
      }
    });
  }

  private static JournalQuery.Start write(OutputStream out, LogFormat format, List<JournalEntry> entries,
      JournalQuery.Start next) throws IOException {
    if (entries.isEmpty()) {
      out.flush();
      return next;
    }
    out.write(render(format, entries));
    out.flush();
    return new JournalQuery.Start.After(entries.getLast().cursor());
  }

  private Response fields(Request request) {
    String field = request.pathParam("field");
    if (!FIELD.matcher(field).matches()) {
      throw BerthException.badRequest("Invalid field name '" + field + "': only letters, digits and '_'");
    }
    return new Response.Bytes(200, "application/json",
        Json.write(reader.values(field.toUpperCase(java.util.Locale.ROOT))), Map.of());
  }

  static LogFormat format(Request request) {
    return LogFormat.of(request.headers().getOrDefault("accept", List.of()));
  }
}

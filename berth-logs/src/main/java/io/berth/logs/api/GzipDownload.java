package io.berth.logs.api;

import io.berth.http.Request;
import io.berth.http.Response;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A download of the logs API as dcos-log sends it: the content gzipped, as an attachment named
 * {@code <name>[-<postfix>].log.gz} ({@code postfix} is the caller's query parameter).
 */
final class GzipDownload {
  private GzipDownload() {}

  static Response of(Request request, String name, Response.StreamWriter content) {
    String filename = request.query("postfix").filter(p -> !p.isBlank()).map(p -> name + "-" + p).orElse(name)
        .replaceAll("[\"\\\\\\p{Cntrl}/;]", "_") + ".log.gz";
    return new Response.Stream(200, "application/x-gzip",
        Map.of("Content-Disposition", "attachment; filename=\"" + filename + "\""), out -> {
          GZIPOutputStream gzip = new GZIPOutputStream(out, 8192);
          content.write(gzip);
          gzip.finish();
        });
  }
}

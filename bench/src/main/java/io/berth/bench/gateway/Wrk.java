package io.berth.bench.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code wrk} (Debian package {@code wrk}) against one URL and reads its statistics, which a small Lua
 * {@code done} hook prints as one JSON line (exact percentiles in microseconds, not wrk's rounded text).
 */
final class Wrk {
  static final String MARKER = "WRK_RESULT ";
  static final String SCRIPT = """
      done = function(summary, latency, requests)
        local e = summary.errors
        io.write(string.format('%s{"requests":%d,"duration_us":%d,"bytes":%d,"connect_errors":%d,"read_errors":%d,'
          .. '"write_errors":%d,"non_2xx":%d,"timeouts":%d,"mean_us":%.1f,"p50_us":%d,"p90_us":%d,"p99_us":%d,'
          .. '"p999_us":%d,"max_us":%d}\\n', 'WRK_RESULT ', summary.requests, summary.duration, summary.bytes,
          e.connect, e.read, e.write, e.status, e.timeout, latency.mean, latency:percentile(50), latency:percentile(90),
          latency:percentile(99), latency:percentile(99.9), latency.max))
      end
      """;

  private Wrk() {}

  /** One wrk run: requests per second over its duration, latency percentiles in milliseconds, and its errors. */
  record Result(double requestsPerSecond, long requests, double meanMs, double p50Ms, double p90Ms, double p99Ms,
      double p999Ms, double maxMs, long errors, long non2xx) {}

  /** Runs wrk for {@code seconds} with {@code threads} threads and {@code connections} connections. */
  static Result run(Path script, String url, int threads, int connections, int seconds, Map<String, String> headers)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("wrk", "-t", String.valueOf(threads), "-c", String.valueOf(connections),
        "-d", seconds + "s", "--timeout", "5s", "-s", script.toString()));
    headers.forEach((k, v) -> command.addAll(List.of("-H", k + ": " + v)));
    command.add(url);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("wrk failed: " + out.lines().limit(20).toList());
    }
    return parse(out);
  }

  /** Writes the Lua hook next to the other work files. */
  static Path writeScript(Path dir) throws IOException {
    Path file = dir.resolve("report.lua");
    Files.writeString(file, SCRIPT);
    return file;
  }

  static Result parse(String out) throws IOException {
    String line = out.lines().filter(l -> l.startsWith(MARKER)).findFirst()
        .orElseThrow(() -> new IOException("wrk printed no result: " + out.lines().limit(20).toList()));
    JsonNode r = Json.tree(line.substring(MARKER.length()).getBytes(StandardCharsets.UTF_8));
    double seconds = r.path("duration_us").asDouble() / 1e6;
    long errors = r.path("connect_errors").asLong() + r.path("read_errors").asLong() + r.path("write_errors").asLong()
        + r.path("timeouts").asLong();
    return new Result(seconds <= 0 ? 0 : r.path("requests").asLong() / seconds, r.path("requests").asLong(),
        r.path("mean_us").asDouble() / 1000, r.path("p50_us").asDouble() / 1000, r.path("p90_us").asDouble() / 1000,
        r.path("p99_us").asDouble() / 1000, r.path("p999_us").asDouble() / 1000, r.path("max_us").asDouble() / 1000, errors,
        r.path("non_2xx").asLong());
  }
}

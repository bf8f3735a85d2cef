package io.berth.bench.gateway;

import io.berth.common.time.SystemTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The latency a proxy adds, measured without load: one keep-alive connection to each target (the backend alone,
 * nginx, Berth), one request at a time, the targets taking turns so that all see the same moments of the machine.
 * Each sample is the time from writing the request to reading the last byte of the answer.
 */
final class LatencyProbe implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final byte[] request;

  LatencyProbe(String url, Map<String, String> headers) throws IOException {
    URI uri = URI.create(url);
    socket = new Socket(uri.getHost(), uri.getPort());
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(5000);
    out = socket.getOutputStream();
    in = socket.getInputStream();
    StringBuilder r = new StringBuilder("GET ").append(uri.getRawPath()).append(" HTTP/1.1\r\nHost: ")
        .append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
    headers.forEach((k, v) -> r.append(k).append(": ").append(v).append("\r\n"));
    request = r.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** One request; its latency in milliseconds. */
  double once() throws IOException {
    long start = SystemTime.ticker().nanos();
    out.write(request);
    out.flush();
    String head = readHead();
    if (!head.startsWith("HTTP/1.1 200")) {
      throw new IOException("answered " + head.lines().findFirst().orElse(""));
    }
    int length = head.lines().filter(l -> l.regionMatches(true, 0, "content-length:", 0, 15)).findFirst()
        .map(l -> Integer.parseInt(l.substring(15).strip())).orElseThrow(() -> new IOException("no Content-Length: " + head));
    in.readNBytes(length);
    return (SystemTime.ticker().nanos() - start) / 1e6;
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed");
      }
      head.write(b);
      matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** {@code samples} requests to each target in turn; the latencies of each, in the targets' order. */
  static List<List<Double>> interleaved(List<LatencyProbe> targets, int samples) throws IOException {
    List<List<Double>> all = new ArrayList<>();
    targets.forEach(t -> all.add(new ArrayList<>(samples)));
    for (int i = 0; i < samples; i++) {
      for (int t = 0; t < targets.size(); t++) {
        all.get(t).add(targets.get(t).once());
      }
    }
    return all;
  }

  /** The value at percentile {@code p} (0-100), nearest rank. */
  static double percentile(List<Double> samples, double p) {
    List<Double> sorted = new ArrayList<>(samples);
    sorted.sort(null);
    int rank = (int) Math.ceil(p / 100 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

package io.berth.bench.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code dnsperf} (Debian package {@code dnsperf}) against one server and reads its statistics. */
final class DnsPerf {
  private static final Pattern QPS = Pattern.compile("Queries per second:\\s+([0-9.]+)");
  private static final Pattern AVG = Pattern.compile("Average Latency \\(s\\):\\s+([0-9.]+)");
  private static final Pattern SENT = Pattern.compile("Queries sent:\\s+(\\d+)");
  private static final Pattern COMPLETED = Pattern.compile("Queries completed:\\s+(\\d+)");
  private static final Pattern LOST = Pattern.compile("Queries lost:\\s+(\\d+)");
  private static final Pattern NOERROR = Pattern.compile("NOERROR (\\d+)");
  private static final Pattern VERBOSE = Pattern.compile("^> (\\S+) \\S+ \\S+ ([0-9.]+)$");

  private DnsPerf() {}

  /** One dnsperf run's statistics; {@code latenciesMs} only with {@code verbose}. */
  record Result(double qps, double avgLatencyMs, long sent, long completed, long lost, long noerror, List<Double> latenciesMs) {}

  /**
   * @param maxQps 0: as fast as it goes (throughput); otherwise a fixed offered rate
   * @param verbose report every answer's latency (costly: only at a fixed rate)
   */
  static Result run(Path queries, int port, int seconds, int clients, int outstanding, int maxQps, boolean verbose)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("dnsperf", "-s", "127.0.0.1", "-p", String.valueOf(port), "-d",
        queries.toString(), "-l", String.valueOf(seconds), "-c", String.valueOf(clients), "-q", String.valueOf(outstanding),
        "-t", "2"));
    if (maxQps > 0) {
      command.addAll(List.of("-Q", String.valueOf(maxQps)));
    }
    if (verbose) {
      command.add("-v");
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("dnsperf failed: " + out.lines().limit(20).toList());
    }
    return parse(out);
  }

  static Result parse(String out) {
    List<Double> latencies = new ArrayList<>();
    for (String line : out.lines().toList()) {
      Matcher m = VERBOSE.matcher(line.strip());
      if (m.matches()) {
        latencies.add(Double.parseDouble(m.group(2)) * 1000);
      }
    }
    return new Result(number(QPS, out), number(AVG, out) * 1000, (long) number(SENT, out), (long) number(COMPLETED, out),
        (long) number(LOST, out), (long) number(NOERROR, out), latencies);
  }

  private static double number(Pattern pattern, String out) {
    Matcher m = pattern.matcher(out);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  /** The value at percentile {@code p} (0-100) of the samples, nearest rank. */
  static double percentile(List<Double> samples, double p) {
    if (samples.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(samples);
    sorted.sort(null);
    int rank = (int) Math.ceil(p / 100 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}

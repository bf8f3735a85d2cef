package io.berth.bench.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The reference: unbound serving the same names as {@code local-data} of a static local zone, on loopback, with as
 * many threads as Berth's DNS server has receivers (and {@code so-reuseport}).
 */
final class UnboundReference implements AutoCloseable {
  private final Process process;
  final int port;

  UnboundReference(Path dir, int port, int threads, String zone, Map<String, String> aRecords, int ttl) throws IOException {
    this.port = port;
    Files.createDirectories(dir);
    StringBuilder conf = new StringBuilder("server:\n")
        .append("  interface: 127.0.0.1\n  port: ").append(port).append('\n')
        .append("  do-daemonize: no\n  use-syslog: no\n  username: \"\"\n  chroot: \"\"\n  pidfile: \"\"\n")
        .append("  directory: \"").append(dir).append("\"\n  logfile: \"\"\n  verbosity: 0\n")
        .append("  num-threads: ").append(threads).append("\n  so-reuseport: yes\n")
        .append("  access-control: 127.0.0.0/8 allow\n  module-config: \"iterator\"\n  do-ip6: no\n")
        .append("  local-zone: \"").append(zone).append("\" static\n");
    aRecords.forEach((name, ip) -> conf.append("  local-data: \"").append(name).append(' ').append(ttl)
        .append(" IN A ").append(ip).append("\"\n"));
    Path file = dir.resolve("unbound.conf");
    Files.writeString(file, conf);
    process = new ProcessBuilder("unbound", "-d", "-c", file.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("unbound.log").toFile()).start();
  }

  boolean alive() {
    return process.isAlive();
  }

  static String version() {
    try {
      Process p = new ProcessBuilder("unbound", "-V").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      return out.lines().filter(l -> l.startsWith("Version")).findFirst().orElse("unknown").replace("Version", "").strip();
    } catch (IOException | InterruptedException e) {
      return "unknown";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

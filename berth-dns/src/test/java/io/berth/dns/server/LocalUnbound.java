package io.berth.dns.server;

import static org.awaitility.Awaitility.await;

import io.berth.testkit.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** A real unbound (Debian package {@code unbound}) on a free loopback port, serving the given names as local data. */
final class LocalUnbound implements AutoCloseable {
  final int port = FreePorts.next();
  private final Process process;

  LocalUnbound(Path dir, Map<String, String> aRecords) throws IOException {
    Files.createDirectories(dir);
    StringBuilder conf = new StringBuilder("server:\n")
        .append("  interface: 127.0.0.1\n  port: ").append(port).append('\n')
        .append("  do-daemonize: no\n  use-syslog: no\n  username: \"\"\n  chroot: \"\"\n  pidfile: \"\"\n")
        .append("  directory: \"").append(dir).append("\"\n  logfile: \"\"\n  num-threads: 1\n")
        .append("  access-control: 127.0.0.0/8 allow\n  module-config: \"iterator\"\n  do-ip6: no\n")
        .append("  local-zone: \"example.test.\" static\n");
    aRecords.forEach((name, ip) -> conf.append("  local-data: \"").append(name).append(" 300 IN A ").append(ip).append("\"\n"));
    Path file = dir.resolve("unbound.conf");
    Files.writeString(file, conf);
    process = new ProcessBuilder("unbound", "-d", "-c", file.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("unbound.log").toFile()).start();
    SimpleResolver probe = new SimpleResolver(new InetSocketAddress("127.0.0.1", port));
    probe.setTimeout(Duration.ofMillis(300));
    await("unbound to answer").atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("unbound exited: " + Files.readString(dir.resolve("unbound.log")));
      }
      Lookup lookup = new Lookup(aRecords.keySet().iterator().next(), Type.A);
      lookup.setResolver(probe);
      lookup.setCache(null);
      lookup.run();
      return lookup.getResult() == Lookup.SUCCESSFUL;
    });
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port);
  }

  List<String> resolvers() {
    return List.of("127.0.0.1:" + port);
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

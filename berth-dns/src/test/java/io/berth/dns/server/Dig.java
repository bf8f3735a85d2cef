package io.berth.dns.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code dig} (Debian package {@code dnsutils}) and returns its output. */
final class Dig {
  private Dig() {}

  static String run(int port, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", String.valueOf(port), "+time=2", "+tries=1"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("dig did not finish: " + command);
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}

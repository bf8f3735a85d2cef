package io.berth.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code dig} (Debian dnsutils) against a cluster's DNS server and returns its short answers, sorted. */
final class Dig {
  private Dig() {}

  static List<String> query(int port, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", String.valueOf(port), "+time=2",
        "+tries=1", "+short"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    return out.lines().map(String::strip).filter(l -> !l.isEmpty()).sorted().toList();
  }

  /** The target ports of SRV answers ({@code priority weight port target}). */
  static Set<Long> srvPorts(List<String> srv) {
    Set<Long> ports = new TreeSet<>();
    srv.forEach(line -> ports.add(Long.parseLong(line.split(" ")[2])));
    return ports;
  }
}

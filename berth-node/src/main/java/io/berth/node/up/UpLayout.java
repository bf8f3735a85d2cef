package io.berth.node.up;

import java.nio.file.Path;

/**
 * Where a {@code berth up} cluster keeps its files under its directory (default {@code ./.berth}): {@code zk/},
 * {@code master/}, {@code agents/agent-N/}, {@code logs/}, {@code cluster.json}. Agent N listens on loopback
 * address {@code 127.0.0.(N+1)} and owns host ports {@code start + 1000 (N-1)} to {@code +999} (start 31000 by
 * default).
 */
record UpLayout(Path dir) {
  Path zk() {
    return dir.resolve("zk");
  }

  Path master() {
    return dir.resolve("master");
  }

  Path agent(int n) {
    return dir.resolve("agents").resolve("agent-" + n);
  }

  Path log(String name) {
    return dir.resolve("logs").resolve(name + ".log");
  }

  Path clusterFile() {
    return dir.resolve("cluster.json");
  }

  static String agentIp(int n) {
    return "127.0.0." + (n + 1);
  }

  static String agentPorts(int start, int n) {
    long begin = start + 1000L * (n - 1);
    return "[" + begin + "-" + (begin + 999) + "]";
  }
}

package io.berth.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Options of the launch benchmark ({@code bench/launch} passes the cluster's master URL, the work dir and the
 * agent's log; users pass the rest through).
 *
 * @param tasks measured launches of each kind (Berth, raw runc)
 * @param warmup untimed launches of each kind first (JIT of the client, the master and the agent; page cache)
 * @param block launches of one kind in a row before switching to the other kind
 * @param command the shell command both run ({@code /bin/sh -c command})
 * @param pause pacing between two launches, so the asynchronous clean-up of the previous one does not overlap
 * @param credentials the superuser's credentials file: the benchmark logs in with it at the master (which requires a
 *     token by default); null for a cluster without internal authentication
 */
record LaunchOptions(String masterUrl, int tasks, int warmup, int block, String command, Duration pause,
    Duration timeout, Path workDir, Path out, Path agentLog, Path credentials) {

  static final String USAGE = """
      usage: LaunchBenchmark --master URL --work-dir DIR [--out FILE] [--agent-log FILE] [--credentials FILE]
                             [--tasks 100] [--warmup 200] [--block 10] [--command 'sleep 0.2'] [--pause-ms 100]""";

  static LaunchOptions parse(String[] args) {
    String master = null;
    int tasks = 100;
    int warmup = 200;
    int block = 10;
    String command = "sleep 0.2";
    long pauseMs = 100;
    long timeoutS = 60;
    Path workDir = null;
    Path out = Path.of("bench/results/launch.json");
    Path agentLog = null;
    Path credentials = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
      }
      String value = args[++i];
      switch (flag) {
        case "--master" -> master = value;
        case "--tasks" -> tasks = positive(flag, value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--block" -> block = positive(flag, value);
        case "--command" -> command = value;
        case "--pause-ms" -> pauseMs = Long.parseLong(value);
        case "--timeout-s" -> timeoutS = positive(flag, value);
        case "--work-dir" -> workDir = Path.of(value);
        case "--out" -> out = Path.of(value);
        case "--agent-log" -> agentLog = Path.of(value);
        case "--credentials" -> credentials = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
      }
    }
    if (master == null || workDir == null) {
      throw new IllegalArgumentException("--master and --work-dir are needed\n" + USAGE);
    }
    return new LaunchOptions(master, tasks, Math.max(0, warmup), block, command, Duration.ofMillis(Math.max(0, pauseMs)),
        Duration.ofSeconds(timeoutS), workDir.toAbsolutePath(), out.toAbsolutePath(), agentLog, credentials);
  }

  private static int positive(String flag, String value) {
    int n = Integer.parseInt(value);
    if (n < 1) {
      throw new IllegalArgumentException(flag + " must be at least 1");
    }
    return n;
  }
}

package io.berth.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used so far (user + system), in nanoseconds: this JVM's (the gateway's; the benchmark's driver is idle
 * while wrk runs), and a process tree's (nginx's master and workers) from {@code /proc/<pid>/stat}. Per request, it is
 * a measure of cost that other work on a shared machine disturbs much less than requests per second.
 */
final class CpuTime {
  /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
  static final long TICKS_PER_SECOND = 100;

  private CpuTime() {}

  static long ownNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The CPU time of {@code process} and all its descendants. */
  static long treeNanos(ProcessHandle process) {
    return Stream.concat(Stream.of(process), process.descendants()).mapToLong(p -> statNanos(p.pid())).sum();
  }

  private static long statNanos(long pid) {
    try {
      return parseStat(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
    } catch (IOException e) {
      return 0; // the process ended
    }
  }

  /** utime + stime of a {@code /proc/<pid>/stat} line, in nanoseconds. */
  static long parseStat(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // after "pid (comm) ": state is field 3, utime field 14, stime field 15
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks * (1_000_000_000L / TICKS_PER_SECOND);
  }
}

package io.berth.agent;

import io.berth.api.cluster.PortRange;
import io.berth.api.cluster.PortRanges;
import io.berth.api.cluster.Resources;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this machine offers when the operator does not say: all cores, memory and the work dir's filesystem minus
 * a reservation for the system (Mesos' rules: memory minus 1 GiB, or half when under 2 GiB; disk minus 5 GiB, or
 * half when under 10 GiB), no GPUs, ports {@link #DEFAULT_PORTS}.
 */
public final class MachineResources {
  /** The default task host ports: {@code [31000-32000]}. */
  public static final PortRanges DEFAULT_PORTS = PortRanges.of(new PortRange(31000, 32000));

  private static final double MIB = 1024.0 * 1024.0;
  private static final double GIB_IN_MIB = 1024.0;

  private MachineResources() {}

  public static Resources detect(Path workDir) {
    double cpus = Runtime.getRuntime().availableProcessors();
    return new Resources(cpus, reserve(totalMemoryMiB(), 2 * GIB_IN_MIB, GIB_IN_MIB),
        reserve(totalDiskMiB(workDir), 10 * GIB_IN_MIB, 5 * GIB_IN_MIB), 0, DEFAULT_PORTS);
  }

  /** {@code total - reservation} when {@code total >= threshold}, else half of it (whole MiB). */
  static double reserve(double totalMiB, double threshold, double reservation) {
    return Math.floor(totalMiB >= threshold ? totalMiB - reservation : totalMiB / 2);
  }

  private static double totalMemoryMiB() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize() / MIB;
    }
    return Runtime.getRuntime().maxMemory() / MIB;
  }

  private static double totalDiskMiB(Path workDir) {
    Path existing = workDir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return 0;
    }
    try {
      return Files.getFileStore(existing).getTotalSpace() / MIB;
    } catch (IOException e) {
      return 0;
    }
  }
}

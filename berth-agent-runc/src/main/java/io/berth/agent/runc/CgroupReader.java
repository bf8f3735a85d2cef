package io.berth.agent.runc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds and reads the cgroup files of containers. Detects the layout like runc does: cgroup v2 ("unified") when
 * {@code /sys/fs/cgroup} itself is a cgroup2 mount, v1 otherwise (a hybrid layout with an extra cgroup2 mount
 * without controllers counts as v1). runc puts a container with {@code cgroupsPath} {@code /berth/<id>} at
 * {@code <memory mount>/berth/<id>} (v1) or {@code /sys/fs/cgroup/berth/<id>} (v2); the directory stays until
 * {@code runc delete}, so its OOM counter can be read after the container's exit.
 */
final class CgroupReader {
  /** The cgroup layout of the machine. */
  enum Version { V1, V2 }

  /** What the memory cgroup of a container says; {@code -1} for values that cannot be read. */
  record MemoryReport(long oomKills, long limitBytes, long peakBytes) {
    static final MemoryReport UNKNOWN = new MemoryReport(-1, -1, -1);
  }

  private static final long UNLIMITED_V1 = Long.MAX_VALUE / 2;

  private final Version version;
  private final Optional<Path> memoryMount;

  CgroupReader(Version version, Optional<Path> memoryMount) {
    this.version = version;
    this.memoryMount = memoryMount;
  }

  /** Reads {@code /proc/self/mountinfo}. */
  static CgroupReader detect() {
    try {
      return fromMountinfo(Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new CgroupReader(Version.V1, Optional.empty());
    }
  }

  /** Parses mountinfo lines: {@code id parent maj:min root mountpoint opts [optional...] - fstype source superopts}. */
  static CgroupReader fromMountinfo(List<String> lines) {
    Optional<Path> v1Memory = Optional.empty();
    for (String line : lines) {
      String[] halves = line.split(" - ", 2);
      if (halves.length < 2) {
        continue;
      }
      String[] left = halves[0].split(" ");
      String[] right = halves[1].split(" ");
      if (left.length < 5 || right.length < 3) {
        continue;
      }
      String mountPoint = left[4];
      String fsType = right[0];
      if (fsType.equals("cgroup2") && mountPoint.equals("/sys/fs/cgroup")) {
        return new CgroupReader(Version.V2, Optional.of(Path.of(mountPoint)));
      }
      if (fsType.equals("cgroup") && List.of(right[2].split(",")).contains("memory")) {
        v1Memory = Optional.of(Path.of(mountPoint));
      }
    }
    return new CgroupReader(Version.V1, v1Memory);
  }

  Version version() {
    return version;
  }

  /** The memory cgroup directory of a container with this {@code cgroupsPath}. */
  Optional<Path> memoryDir(String cgroupsPath) {
    return memoryMount.map(m -> m.resolve(cgroupsPath.replaceFirst("^/+", "")));
  }

  /** True when a memory+swap limit can be set (v1 needs swap accounting; v2 always has memory.swap.max). */
  boolean swapAccounting() {
    return version == Version.V2
        || memoryMount.map(m -> Files.exists(m.resolve("memory.memsw.limit_in_bytes"))).orElse(false);
  }

  /** The OOM-kill counter, limit and peak usage, or {@link MemoryReport#UNKNOWN} when the cgroup is gone. */
  MemoryReport memory(String cgroupsPath) {
    Optional<Path> dir = memoryDir(cgroupsPath).filter(Files::isDirectory);
    if (dir.isEmpty()) {
      return MemoryReport.UNKNOWN;
    }
    Path d = dir.get();
    return switch (version) {
      case V1 -> new MemoryReport(
          keyed(d.resolve("memory.oom_control"), "oom_kill").orElse(-1),
          single(d.resolve("memory.limit_in_bytes")).orElse(-1),
          single(d.resolve("memory.max_usage_in_bytes")).orElse(-1));
      case V2 -> new MemoryReport(
          keyed(d.resolve("memory.events"), "oom_kill").orElse(-1),
          single(d.resolve("memory.max")).orElse(-1),
          single(d.resolve("memory.peak")).orElse(-1));
    };
  }

  /** A file with one number ({@code max} and v1's huge "unlimited" value read as -1). */
  static OptionalLong single(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
      if (text.equals("max")) {
        return OptionalLong.of(-1);
      }
      long value = Long.parseLong(text);
      return OptionalLong.of(value >= UNLIMITED_V1 ? -1 : value);
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** A {@code key value} line of a flat-keyed file ({@code memory.oom_control}, {@code memory.events}). */
  static OptionalLong keyed(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length == 2 && parts[0].equals(key)) {
          return OptionalLong.of(Long.parseLong(parts[1]));
        }
      }
      return OptionalLong.empty();
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}

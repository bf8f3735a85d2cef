package io.berth.agent.runc;

import io.berth.agent.runc.OciConfig.Capabilities;
import io.berth.agent.runc.OciConfig.Cpu;
import io.berth.agent.runc.OciConfig.DeviceRule;
import io.berth.agent.runc.OciConfig.Linux;
import io.berth.agent.runc.OciConfig.Memory;
import io.berth.agent.runc.OciConfig.Mount;
import io.berth.agent.runc.OciConfig.Namespace;
import io.berth.agent.runc.OciConfig.Pids;
import io.berth.agent.runc.OciConfig.Resources;
import io.berth.agent.runc.OciConfig.Root;
import io.berth.agent.runc.OciConfig.User;
import io.berth.agent.runtime.ContainerSpec;
import io.berth.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes the OCI bundle of a container: only {@code config.json} (its root is the shared, read-only skeleton of
 * {@link SharedRootfs}), with
 * the command (under the init, if any), environment, sandbox mount and working directory, pid/mount/ipc/uts
 * namespaces (the host's network), Docker's default capabilities and the cgroup limits.
 */
final class OciSpecWriter {
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  static final long CFS_PERIOD_MICROS = 100_000;
  /** runc's own init needs a few MiB inside the cgroup; smaller limits would kill it, not the task. */
  static final long MIN_MEMORY_BYTES = 4L << 20;

  /** Docker's default set: enough for ordinary root tasks, no admin powers over the host. */
  private static final List<String> CAPABILITIES = List.of(
      "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
      "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL",
      "CAP_AUDIT_WRITE");
  private static final List<String> MASKED_PATHS = List.of(
      "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
      "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi");
  private static final List<String> READONLY_PATHS =
      List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

  private final RuncConfig config;
  private final SharedRootfs rootfs;
  private final CgroupReader cgroups;

  OciSpecWriter(RuncConfig config, SharedRootfs rootfs, CgroupReader cgroups) {
    this.config = config;
    this.rootfs = rootfs;
    this.cgroups = cgroups;
  }

  /** The cgroup of a container: {@code <cgroupParent>/<id>}. */
  static String cgroupsPath(String cgroupParent, String id) {
    return cgroupParent + "/" + id;
  }

  void write(ContainerSpec spec, ContainerDir dir) throws IOException {
    SharedRootfs.Skeleton skeleton = rootfs.current();
    List<Mount> mounts = new ArrayList<>(runtimeMounts());
    mounts.addAll(skeleton.mounts());
    mounts.add(Mount.bind(ContainerSpec.SANDBOX_MOUNT, spec.sandbox().toAbsolutePath().toString(),
        List.of("rbind", "rw")));
    // a task group's volumes, after the sandbox: a relative container path lies inside the sandbox mount
    for (ContainerSpec.Mount m : spec.mounts()) {
      mounts.add(Mount.bind(m.destination(), m.hostPath().toAbsolutePath().toString(),
          List.of("rbind", m.readOnly() ? "ro" : "rw", "nosuid")));
    }
    resolvConfMount().ifPresent(mounts::add);
    Files.write(dir.config(), Json.write(config(spec, skeleton.rootfs(), mounts)));
  }

  OciConfig config(ContainerSpec spec, Path root, List<Mount> mounts) {
    var process = new OciConfig.Process(
        false,
        new User(0, 0),
        args(spec.argv()),
        env(spec.env()),
        ContainerSpec.SANDBOX_MOUNT,
        new Capabilities(CAPABILITIES, CAPABILITIES, CAPABILITIES),
        null, // the agent's rlimits, as Mesos tasks get them (raising them would need CAP_SYS_RESOURCE)
        false);
    var linux = new Linux(
        resources(spec.limits()),
        cgroupsPath(config.cgroupParent(), spec.id()),
        List.of(new Namespace("pid"), new Namespace("ipc"), new Namespace("uts"), new Namespace("mount")),
        MASKED_PATHS,
        READONLY_PATHS);
    String hostname = spec.hostname() == null || spec.hostname().isBlank() ? null : spec.hostname();
    return new OciConfig(OciConfig.VERSION, process, new Root(root.toString(), true), hostname, mounts, linux);
  }

  private List<String> args(List<String> argv) {
    Optional<Path> init = config.init();
    if (init.isEmpty()) {
      return argv;
    }
    // -g: tini forwards the signals it gets to the command's whole process group
    List<String> args = new ArrayList<>(List.of(init.get().toString(), "-g", "--"));
    args.addAll(argv);
    return args;
  }

  private static List<String> env(Map<String, String> env) {
    Map<String, String> sorted = new TreeMap<>(env);
    sorted.putIfAbsent("PATH", DEFAULT_PATH);
    return sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  Resources resources(ContainerSpec.Limits limits) {
    List<DeviceRule> denyAll = List.of(new DeviceRule(false, "rwm")); // runc adds its default devices
    if (limits == null) {
      return new Resources(denyAll, null, null, null);
    }
    Memory memory = null;
    if (limits.memMiB() > 0) {
      long bytes = Math.max(MIN_MEMORY_BYTES, (long) Math.ceil(limits.memMiB() * 1024 * 1024));
      memory = new Memory(bytes, cgroups.swapAccounting() ? bytes : null); // memory+swap = memory: no swap
    }
    Cpu cpu = null;
    if (limits.cpus() > 0) {
      long shares = Math.max(2, Math.round(limits.cpus() * 1024));
      long quota = Math.max(1000, Math.round(limits.cpus() * CFS_PERIOD_MICROS));
      cpu = new Cpu(shares, quota, CFS_PERIOD_MICROS);
    }
    Pids pids = limits.pids() > 0 ? new Pids(limits.pids()) : null;
    return new Resources(denyAll, memory, cpu, pids);
  }

  /** The agent's resolv.conf over the host's (which must be a plain file: the mount point lies in read-only /etc). */
  Optional<Mount> resolvConfMount() {
    return config.resolvConf()
        .filter(f -> Files.isRegularFile(f) && Files.isRegularFile(Path.of("/etc/resolv.conf"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
        .map(f -> Mount.bind("/etc/resolv.conf", f.toString(), List.of("rbind", "ro", "nosuid", "nodev", "noexec")));
  }

  private static List<Mount> runtimeMounts() {
    return List.of(
        new Mount("/proc", "proc", "proc", null),
        new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
        new Mount("/dev/pts", "devpts", "devpts",
            List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
        new Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
        new Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
        new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
        new Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("nosuid", "noexec", "nodev", "relatime", "ro")));
  }
}

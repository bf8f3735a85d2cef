package io.berth.agent.runc;

import java.util.List;

/**
 * The part of the OCI runtime spec ({@code config.json}, runtime-spec 1.0) that Berth writes. Absent (null)
 * values are not written.
 */
record OciConfig(String ociVersion, Process process, Root root, String hostname, List<Mount> mounts, Linux linux) {

  static final String VERSION = "1.0.2-dev";

  record Process(
      boolean terminal,
      User user,
      List<String> args,
      List<String> env,
      String cwd,
      Capabilities capabilities,
      List<Rlimit> rlimits,
      boolean noNewPrivileges) {}

  record User(int uid, int gid) {}

  record Capabilities(List<String> bounding, List<String> effective, List<String> permitted) {}

  record Rlimit(String type, long hard, long soft) {}

  record Root(String path, boolean readonly) {}

  record Mount(String destination, String type, String source, List<String> options) {
    static Mount bind(String destination, String source, List<String> options) {
      return new Mount(destination, "bind", source, options);
    }
  }

  record Linux(
      Resources resources,
      String cgroupsPath,
      List<Namespace> namespaces,
      List<String> maskedPaths,
      List<String> readonlyPaths) {}

  record Namespace(String type) {}

  record Resources(List<DeviceRule> devices, Memory memory, Cpu cpu, Pids pids) {}

  record DeviceRule(boolean allow, String access) {}

  /** {@code swap} is memory + swap (cgroup v1 semantics, runc converts for v2). */
  record Memory(Long limit, Long swap) {}

  record Cpu(Long shares, Long quota, Long period) {}

  record Pids(long limit) {}
}

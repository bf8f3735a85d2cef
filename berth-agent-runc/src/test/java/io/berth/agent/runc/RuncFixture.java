package io.berth.agent.runc;

import io.berth.agent.runtime.ContainerSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Real runc for tests: runtimes on one temporary state dir, sandboxes, unique container ids (cgroups are global
 * to the machine), and a {@link #cleanup()} that deletes every runc container under the test's runc root and
 * kills every conmon of the state dir, whatever the test did.
 */
final class RuncFixture {
  final Path stateDir;
  private final Path sandboxes;
  private final List<RuncRuntime> runtimes = new ArrayList<>();

  RuncFixture(Path tempDir) throws IOException {
    this.stateDir = Files.createDirectories(tempDir.resolve("state"));
    this.sandboxes = Files.createDirectories(tempDir.resolve("sandboxes"));
  }

  /** Root, runc and conmon: what these tests need. */
  static boolean available() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return Integer.valueOf(0).equals(uid) && RuncConfig.find("runc").isPresent()
          && RuncConfig.find("conmon").isPresent();
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** {@code -Dberth.runc.noInit=true} runs the tests as on a machine without tini. */
  static boolean hasTini() {
    return RuncConfig.find("tini").isPresent() && !Boolean.getBoolean("berth.runc.noInit");
  }

  RuncConfig config() {
    RuncConfig config = RuncConfig.defaults(stateDir);
    return hasTini() ? config : config.withInit(Optional.empty());
  }

  RuncRuntime open() {
    return open(config());
  }

  RuncRuntime open(RuncConfig config) {
    RuncRuntime runtime = new RuncRuntime(config);
    runtimes.add(runtime);
    return runtime;
  }

  static String newId() {
    return "bt-" + UUID.randomUUID().toString().substring(0, 13);
  }

  ContainerSpec spec(String id, List<String> argv) {
    return spec(id, argv, Map.of(), null, null);
  }

  ContainerSpec shell(String id, String script) {
    return spec(id, List.of("/bin/sh", "-c", script));
  }

  ContainerSpec spec(String id, List<String> argv, Map<String, String> env, ContainerSpec.Limits limits,
      String hostname) {
    try {
      Path sandbox = Files.createDirectories(sandboxes.resolve(id));
      return new ContainerSpec(id, sandbox, argv, env, limits, hostname);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  Path runcRoot() {
    return stateDir.resolve("runc");
  }

  /** Ids of runc containers under the test's runc root. */
  List<String> runcContainers() {
    var result = CommandRunner.run(
        List.of(config().runc().toString(), "--root", runcRoot().toString(), "list", "--quiet"),
        Map.of(), java.time.Duration.ofSeconds(30));
    return result.output().isBlank() ? List.of() : List.of(result.output().split("\n"));
  }

  /** conmon processes of this state dir (of one container when {@code id} is set). */
  List<ProcessHandle> conmons(Optional<String> id) {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs.filter(p -> p.getFileName().toString().matches("\\d+"))
          .filter(p -> {
            String cmd = cmdline(p);
            return cmd.contains("conmon") && cmd.contains(stateDir.toString())
                && id.map(i -> cmd.contains("\0" + i + "\0")).orElse(true);
          })
          .map(p -> ProcessHandle.of(Long.parseLong(p.getFileName().toString())))
          .flatMap(Optional::stream)
          .filter(ProcessHandle::isAlive)
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The gates of this state dir's spare monitors that still wait ({@link SpareMonitors}). */
  List<ProcessHandle> gates() {
    return gates(Optional.empty());
  }

  /** The waiting gates of this state dir, or only the one for the container {@code id} (runc's last argument). */
  List<ProcessHandle> gates(Optional<String> id) {
    String script = stateDir.resolve(SpareMonitors.GATE_NAME).toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().arguments().filter(args -> args.length > 0 && args[0].equals(script)
            && id.map(args[args.length - 1]::equals).orElse(true)).isPresent())
        .toList();
  }

  private static String cmdline(Path proc) {
    try {
      return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  void cleanup() {
    runtimes.forEach(RuncRuntime::close);
    conmons(Optional.empty()).forEach(ProcessHandle::destroyForcibly);
    for (String id : runcContainers()) {
      CommandRunner.run(List.of(config().runc().toString(), "--root", runcRoot().toString(), "delete", "--force",
          id.strip()), Map.of(), java.time.Duration.ofSeconds(30));
    }
    try {
      ContainerDir.deleteTree(RunDir.forStateDir(stateDir)); // on a tmpfs outside the test's temp dir
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

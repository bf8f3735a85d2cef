package io.berth.agent.runc;

import io.berth.agent.runtime.ContainerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of a {@link RuncRuntime}.
 *
 * @param stateDir everything of the runtime lives here: {@code containers/<id>/} (OCI bundle and monitor files),
 *     {@code exits/} (conmon's exit files), {@code runc/} (the {@code runc --root}), {@code sockets/}
 * @param runc the runc binary
 * @param conmon the conmon binary
 * @param init an init for pid 1 of each container ({@code tini}): forwards signals to the command and reaps
 *     zombies; empty runs the command itself as pid 1, which ignores SIGTERM unless it installs a handler
 * @param cgroupParent containers get the cgroup {@code <cgroupParent>/<id>} (cgroupfs driver, absolute path)
 * @param hiddenPaths host directories that containers must not see (an empty read-only tmpfs is mounted over
 *     them), typically the agent's work dir so that a task cannot read other tasks' sandboxes
 * @param commandTimeout how long one runc or conmon command may take
 * @param resolvConf a host file bind-mounted read-only on the containers' {@code /etc/resolv.conf} when it exists at
 *     container creation (the agent's DNS forwarder writes it); empty: containers see the host's
 */
public record RuncConfig(
    Path stateDir,
    Path runc,
    Path conmon,
    Optional<Path> init,
    String cgroupParent,
    List<Path> hiddenPaths,
    Duration commandTimeout,
    Optional<Path> resolvConf) {

  /** Settings without a resolv.conf of the containers' own. */
  public RuncConfig(Path stateDir, Path runc, Path conmon, Optional<Path> init, String cgroupParent, List<Path> hiddenPaths,
      Duration commandTimeout) {
    this(stateDir, runc, conmon, init, cgroupParent, hiddenPaths, commandTimeout, Optional.empty());
  }

  /** The Debian command that installs what this runtime needs. */
  public static final String INSTALL_HINT = "apt-get install -y runc conmon tini";

  private static final List<String> SEARCH_DIRS =
      List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

  public RuncConfig {
    stateDir = stateDir.toAbsolutePath().normalize();
    Objects.requireNonNull(runc, "runc");
    Objects.requireNonNull(conmon, "conmon");
    init = Objects.requireNonNull(init, "init");
    if (!cgroupParent.startsWith("/") || cgroupParent.endsWith("/")) {
      throw new IllegalArgumentException("cgroupParent must be an absolute path like /berth: " + cgroupParent);
    }
    hiddenPaths = hiddenPaths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    Objects.requireNonNull(commandTimeout, "commandTimeout");
    resolvConf = resolvConf == null ? Optional.empty() : resolvConf.map(p -> p.toAbsolutePath().normalize());
  }

  /**
   * The defaults: binaries found on {@code PATH} (or the usual Debian places), cgroups under {@code /berth},
   * the state dir itself hidden from containers.
   *
   * @throws ContainerException when runc or conmon is not installed, with the command that installs them
   */
  public static RuncConfig defaults(Path stateDir) {
    Path runc = find("runc").orElseThrow(() -> notInstalled("runc"));
    Path conmon = find("conmon").orElseThrow(() -> notInstalled("conmon"));
    return new RuncConfig(
        stateDir, runc, conmon, find("tini"), "/berth", List.of(stateDir), Duration.ofSeconds(60));
  }

  /** The same settings, hiding these host paths from containers too (e.g. the agent's work dir). */
  public RuncConfig withHiddenPaths(List<Path> paths) {
    Set<Path> all = new LinkedHashSet<>(hiddenPaths);
    paths.forEach(p -> all.add(p.toAbsolutePath().normalize()));
    return new RuncConfig(stateDir, runc, conmon, init, cgroupParent, List.copyOf(all), commandTimeout, resolvConf);
  }

  /** The same settings with another init ({@code Optional.empty()}: the command is pid 1). */
  public RuncConfig withInit(Optional<Path> newInit) {
    return new RuncConfig(stateDir, runc, conmon, newInit, cgroupParent, hiddenPaths, commandTimeout, resolvConf);
  }

  /** The same settings with another cgroup parent (absolute, e.g. {@code /berth}). */
  public RuncConfig withCgroupParent(String parent) {
    return new RuncConfig(stateDir, runc, conmon, init, parent, hiddenPaths, commandTimeout, resolvConf);
  }

  /** The same settings, giving containers this host file as {@code /etc/resolv.conf} whenever it exists. */
  public RuncConfig withResolvConf(Path file) {
    return new RuncConfig(stateDir, runc, conmon, init, cgroupParent, hiddenPaths, commandTimeout, Optional.of(file));
  }

  /** Fails with the install hint unless runc and conmon (and the init, if set) are executable files. */
  void requireInstalled() {
    requireExecutable(runc, "runc");
    requireExecutable(conmon, "conmon");
    init.ifPresent(p -> requireExecutable(p, "tini"));
  }

  /** Looks a program up on {@code PATH} and in the usual system directories. */
  static Optional<Path> find(String program) {
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(":")));
    }
    dirs.addAll(SEARCH_DIRS);
    return dirs.stream()
        .filter(d -> !d.isBlank())
        .map(d -> Path.of(d, program))
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst();
  }

  private static void requireExecutable(Path binary, String name) {
    if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
      throw new ContainerException(
          name + " is not installed (no executable " + binary + "); the runc runtime needs runc and conmon"
              + " (and tini as container init): install them with `" + INSTALL_HINT + "`");
    }
  }

  private static ContainerException notInstalled(String name) {
    return new ContainerException(
        name + " is not installed (not found on PATH nor in " + SEARCH_DIRS + "); the runc runtime needs runc and"
            + " conmon (and tini as container init): install them with `" + INSTALL_HINT + "`");
  }
}

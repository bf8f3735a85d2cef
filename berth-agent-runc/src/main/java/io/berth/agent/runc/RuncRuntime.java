package io.berth.agent.runc;

import io.berth.agent.runtime.ContainerException;
import io.berth.agent.runtime.ContainerRuntime;
import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.ContainerState;
import io.berth.agent.runtime.ExitStatus;
import io.berth.agent.runtime.StartReport;
import io.berth.common.time.SystemTime;
import io.berth.common.time.Ticker;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs containers with runc, each watched by its own conmon, so that containers and their exit codes outlive
 * the agent.
 *
 * <p><b>Files.</b> Under {@link RuncConfig#stateDir()}: {@code containers/<id>/} is the OCI bundle
 * ({@code config.json}, whose root is the read-only host skeleton in {@code rootfs/<hash>/} that all containers
 * share, see {@code SharedRootfs}) plus the monitor's files; the pid files of a container and its monitor are in
 * {@code <run dir>/<id>/} on a tmpfs ({@code RunDir}: runc writes its pid file synchronously);
 * {@code exits/<id>} is the exit code conmon writes; {@code runc/} is the {@code runc --root} used by every runc
 * call of this runtime (passed to conmon with {@code --runtime-arg}), so containers of other runc users (and of
 * other test runs) never mix with ours; {@code spares/<id>/} and {@code monitor-gate} belong to the spare monitors.
 * A new instance on the same state dir finds everything again: the bundle
 * directories are the list of containers, the exit files say which have ended, also while no agent ran.
 *
 * <p><b>Standard output.</b> conmon runs with the {@code passthrough} log driver and its stdout and stderr opened
 * for append on the sandbox's {@code stdout} and {@code stderr}: runc hands these descriptors to the container,
 * so the files are plain (Mesos shape, no timestamps or stream tags, unlike conmon's {@code k8s-file} driver),
 * nothing copies bytes (conmon's pipes are not in the path) and the output keeps going while the agent is down.
 * The price: no log-size limit from conmon (rotation is the agent's job) and errors of {@code runc create} also
 * appear in the sandbox's stderr, which helps the user.
 *
 * <p><b>Monitor.</b> conmon daemonizes itself into its own session (see {@code ConmonMonitor}); {@code start}
 * returns once conmon reported the created container on its sync pipe and the container was started as
 * {@code runc start} starts it ({@link ExecFifo}; {@code runc start} itself when runc keeps no FIFO there).
 * {@link #awaitExit} completes through one inotify watch on the exit directory. A start under an id from
 * {@link #takePreparedId} uses a conmon started ahead for that id ({@link SpareMonitors}), which runs
 * {@code runc create} as soon as the bundle is written; any other id gets a conmon of its own.
 *
 * <p><b>Init and signals.</b> With {@link RuncConfig#init()} (tini, the default when installed) pid 1 of the
 * container is {@code tini -g -- argv}: a command as pid 1 of a pid namespace ignores every signal it has no
 * handler for (a plain {@code sleep} would survive SIGTERM), tini forwards it to the command's process group and
 * reaps zombies. {@link #signal} sends SIGKILL to every process of the container ({@code runc kill --all}) and
 * other signals to tini; without an init every signal goes to all processes. Exit codes follow the shell: a
 * command killed by a signal exits 128 + signal (an exit code above 128 is read as a signal). A command that does
 * not exist exits 127 with tini's message in stderr (as {@code sh -c} would); without an init {@code start} fails
 * with runc's message instead.
 *
 * <p><b>cgroups.</b> runc's cgroupfs driver with {@code cgroupsPath} {@code <cgroupParent>/<id>} (default
 * {@code /berth/<id>}, v1 or v2, see {@code CgroupReader}): cpu shares (1024 per cpu, at least 2) and a CFS quota
 * per 100 ms period, a memory limit with memory+swap equal to it (no swap), a pids limit. Memory limitation is
 * read from the cgroup's OOM-kill counter when the exit is recorded (see {@code ExitRecorder}).
 *
 * <p><b>Isolation.</b> pid, mount, ipc and uts namespaces; the host's network. The host filesystem read-only,
 * the sandbox read-write at {@link ContainerSpec#SANDBOX_MOUNT} (the working directory), {@code /tmp} private;
 * the {@link RuncConfig#hiddenPaths()} (the state dir, and the agent's work dir when the node adds it) are
 * covered by an empty tmpfs, so a container does not see other sandboxes or bundles (which hold environments).
 * Only one instance may own a state dir at a time (a second one may be created after the first stopped starting
 * containers, as after an agent restart).
 *
 * <p><b>Limits of the monitor.</b> conmon stays in the agent's cgroups: under systemd the agent's unit needs
 * {@code KillMode=process} (or conmon another cgroup) so that stopping the agent does not kill the monitors. If
 * a conmon is killed, the exit status of its container is lost: it reads as exit code -1 ("monitor gone"), and
 * a pending {@code awaitExit} learns it at the next {@code state}/{@code awaitExit} call or restart.
 */
public final class RuncRuntime implements ContainerRuntime {
  private static final Logger log = LoggerFactory.getLogger(RuncRuntime.class);
  private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  private static final int SIGKILL = 9;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(5);
  /** A new spare monitor is made this long after the last one was taken (see {@link SpareMonitors}). */
  private static final Duration SPARE_REFILL_DELAY = Duration.ofMillis(100);

  private final RuncConfig config;
  private final Path containersDir;
  /** Pid files of the containers and their monitors, on a tmpfs when there is one ({@link RunDir}). */
  private final Path runDir;
  private volatile boolean closed;
  private final RuncCommand runc;
  private final ConmonMonitor conmon;
  private final ExitRecorder exits;
  private final SharedRootfs rootfs;
  private final OciSpecWriter specWriter;
  private final ExitWatcher watcher;
  private final SpareMonitors spares;
  private final Ticker ticker = SystemTime.ticker();

  /** The defaults of {@link RuncConfig#defaults} on this state dir. */
  public RuncRuntime(Path stateDir) {
    this(RuncConfig.defaults(stateDir));
  }

  /**
   * @throws ContainerException when runc or conmon is missing (with the command that installs them) or the
   *     state dir cannot be used
   */
  public RuncRuntime(RuncConfig config) {
    config.requireInstalled();
    this.config = config;
    if (config.init().isEmpty()) {
      log.warn("no container init (tini: {}): commands run as pid 1 of their container and ignore signals they"
          + " have no handler for, SIGTERM included", RuncConfig.INSTALL_HINT);
    }
    Path stateDir = config.stateDir();
    this.containersDir = stateDir.resolve("containers");
    Path exitDir = stateDir.resolve("exits");
    Path socketDir = ConmonMonitor.socketDir(stateDir);
    try {
      this.runDir = RunDir.forStateDir(stateDir);
    } catch (IOException e) {
      throw new ContainerException("cannot make the run dir of " + stateDir + ": " + e, e);
    }
    CgroupReader cgroups = CgroupReader.detect();
    this.runc = new RuncCommand(config.runc(), stateDir.resolve("runc"), config.commandTimeout());
    this.conmon = new ConmonMonitor(config, runc, exitDir, socketDir);
    this.exits = new ExitRecorder(exitDir, cgroups);
    this.rootfs = new SharedRootfs(new HostRootfs(Path.of("/"), config.hiddenPaths()),
        stateDir.resolve("rootfs"), ContainerSpec.SANDBOX_MOUNT);
    this.specWriter = new OciSpecWriter(config, rootfs, cgroups);
    try {
      for (Path dir : List.of(containersDir, exitDir, runc.root(), socketDir)) {
        Files.createDirectories(dir);
      }
      this.watcher = new ExitWatcher(exitDir, id -> exits.recorded(id, dir(id)));
      this.spares = new SpareMonitors(stateDir, conmon, this::dir, SPARE_REFILL_DELAY);
      rootfs.current(); // built now rather than in the first start
    } catch (IOException e) {
      throw new ContainerException("cannot use the state dir " + stateDir + ": " + e, e);
    }
    new Recovery(this).run();
    try {
      rootfs.collect(list().stream().map(id -> dir(id).config()).toList());
    } catch (IOException e) {
      log.warn("cannot remove unused host rootfs skeletons in {}: {}", rootfs.dir(), e.toString());
    }
    log.info("runc runtime on {} (cgroup {}, init {})", stateDir, cgroups.version(),
        config.init().map(Path::toString).orElse("none"));
  }

  @Override
  public String name() {
    return "runc";
  }

  /** The settings of this runtime. */
  public RuncConfig config() {
    return config;
  }

  /** The id of a container whose monitor already runs, waiting for its bundle ({@link SpareMonitors}). */
  @Override
  public Optional<String> takePreparedId() {
    return spares.take();
  }

  @Override
  public StartReport start(ContainerSpec spec) {
    String id = checkId(spec.id());
    Optional<SpareMonitors.Spare> spare = spares.claim(id);
    if (spec.argv().isEmpty() || !Files.isDirectory(spec.sandbox())) {
      spare.ifPresent(spares::discard);
      throw new ContainerException(spec.argv().isEmpty() ? "container " + id + " has no command"
          : "the sandbox " + spec.sandbox() + " of container " + id + " does not exist");
    }
    ContainerDir dir = dir(id);
    try {
      if (spare.isPresent()) { // conmon's working directory moves with it
        Files.move(spare.get().dir().root(), dir.root(), StandardCopyOption.ATOMIC_MOVE);
      } else {
        Files.createDirectory(dir.root());
        Files.createDirectories(dir.run()); // none left by a removed container of this name: see ContainerDir.delete
      }
    } catch (FileAlreadyExistsException e) {
      spare.ifPresent(spares::discard);
      throw new ContainerException("container " + id + " already exists");
    } catch (IOException e) {
      spare.ifPresent(spares::discard);
      throw new ContainerException("cannot create " + dir.root() + ": " + e, e);
    }
    long started = ticker.nanos();
    boolean syncPipeHandedOver = spare.isEmpty();
    try { // returns once the command runs (its init may still be setting up its signals: see signal())
      Files.deleteIfExists(exits.exitFile(id)); // left over from a removed container of the same name
      specWriter.write(spec, dir);
      long written = ticker.nanos();
      Path stdout = spec.stdout().toAbsolutePath();
      Path stderr = spec.stderr().toAbsolutePath();
      syncPipeHandedOver = true;
      long pid = spare.isPresent() ? conmon.createWithSpare(id, dir, spare.get().syncFd(), stdout, stderr)
          : conmon.create(id, dir, stdout, stderr);
      long created = ticker.nanos();
      if (!ExecFifo.release(runc.root(), id, config.commandTimeout())) {
        runc.start(id);
      }
      return new StartReport(pid, ticker.since(started), "bundle " + (written - started) / 1_000_000 + " ms, create "
          + (created - written) / 1_000_000 + " ms" + (spare.isPresent() ? " (spare monitor)" : "") + ", start "
          + ticker.since(created).toMillis() + " ms");
    } catch (IOException | RuntimeException e) {
      ContainerException failure = e instanceof ContainerException ce
          ? ce : new ContainerException("cannot start container " + id + ": " + e, e);
      if (!syncPipeHandedOver) {
        PosixSpawn.close(spare.get().syncFd());
      }
      try {
        discard(id, dir);
      } catch (RuntimeException cleanup) {
        failure.addSuppressed(cleanup);
      }
      throw failure;
    }
  }

  @Override
  public List<String> list() {
    try (Stream<Path> dirs = Files.list(containersDir)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new ContainerException("cannot list " + containersDir + ": " + e, e);
    }
  }

  @Override
  public ContainerState state(String containerId) {
    String id = checkId(containerId);
    ContainerDir dir = dir(id);
    if (!dir.exists()) {
      return new ContainerState.Unknown();
    }
    Optional<ExitStatus> exit = exits.recorded(id, dir);
    if (exit.isPresent()) {
      return new ContainerState.Exited(exit.get());
    }
    if (dir.conmonPid().isEmpty()) {
      return new ContainerState.Unknown(); // being started
    }
    if (conmon.find(id, dir).isPresent()) {
      return new ContainerState.Running(dir.containerPid().orElse(0));
    }
    exit = exits.recorded(id, dir); // conmon writes the exit file just before it ends
    if (exit.isPresent()) {
      return new ContainerState.Exited(exit.get());
    }
    Optional<RuncCommand.State> runcState = runc.state(id);
    if (runcState.isPresent() && runcState.get().alive()) {
      log.warn("container {} runs without its monitor: its exit status will be lost", id);
      return new ContainerState.Running(runcState.get().pid());
    }
    return new ContainerState.Exited(exits.lost(id, dir));
  }

  @Override
  public CompletableFuture<ExitStatus> awaitExit(String containerId) {
    String id = checkId(containerId);
    if (!dir(id).exists()) {
      return CompletableFuture.failedFuture(new ContainerException("unknown container " + id));
    }
    CompletableFuture<ExitStatus> future = watcher.await(id);
    switch (state(id)) { // an exit that happened before the watch: nothing will create its file again
      case ContainerState.Exited exited -> watcher.complete(id, exited.status());
      case ContainerState.Unknown unknown -> watcher.fail(id, new ContainerException("unknown container " + id));
      case ContainerState.Running running -> {}
    }
    return future;
  }

  @Override
  public void signal(String containerId, int signal) {
    String id = checkId(containerId);
    ContainerDir dir = dir(id);
    if (!dir.exists()) {
      log.debug("signal {} to unknown container {} ignored", signal, id);
      return;
    }
    boolean all = signal == SIGKILL || config.init().map(init -> !dir.startedWith(init)).orElse(true);
    if (!all) { // a signal for the init itself: not before it can handle it, or the kernel drops it
      dir.containerPid().ifPresent(pid -> {
        if (!InitReadiness.await(pid, READY_TIMEOUT, ticker)) {
          log.warn("container {}: its init did not get ready for signals in time", id);
        }
      });
    }
    if (!runc.kill(id, signal, all)) {
      log.debug("signal {} to container {}: not running", signal, id);
    }
  }

  /**
   * {@code runc exec}: the command joins the container's namespaces and cgroup with the environment, user and working
   * directory of its main process (the task's; {@code env} and {@code sandbox} are the host's view and not needed).
   */
  @Override
  public Process exec(String containerId, List<String> argv, Map<String, String> env, Path sandbox) {
    String id = checkId(containerId);
    try {
      return new ProcessBuilder(runc.execCommand(id, argv)).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      throw new ContainerException("cannot run runc exec in container " + id + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void remove(String containerId) {
    String id = checkId(containerId);
    if (spares.release(id)) {
      return; // a prepared id whose container was never started
    }
    discard(id, dir(id));
    watcher.fail(id, new ContainerException("container " + id + " was removed"));
  }

  @Override
  public void close() {
    closed = true;
    spares.close();
    watcher.close();
    removeRunDirIfEmpty();
  }

  /** Only when no container is left (running ones keep their pid files); after close, the last removal does it. */
  private void removeRunDirIfEmpty() {
    try {
      Files.deleteIfExists(runDir);
    } catch (IOException e) {
      log.debug("run dir {} kept: {}", runDir, e.toString());
    }
  }

  ContainerDir dir(String id) {
    return new ContainerDir(containersDir.resolve(id), runDir.resolve(id));
  }

  RuncCommand runc() {
    return runc;
  }

  Path runDir() {
    return runDir;
  }

  ConmonMonitor conmon() {
    return conmon;
  }

  ExitRecorder exits() {
    return exits;
  }

  /** Removes every trace of a container: monitor, runc container (kills it, deletes its cgroup), files. */
  void discard(String id, ContainerDir dir) {
    conmon.kill(id, dir); // first, so that it writes no exit file after the files are gone
    try {
      runc.delete(id);
    } catch (ContainerException e) {
      log.warn("container {}: {}", id, e.getMessage());
    }
    synchronized (exits.lock(id)) {
      try {
        Files.deleteIfExists(exits.exitFile(id));
        dir.delete();
      } catch (IOException e) {
        throw new ContainerException("cannot remove " + dir.root() + ": " + e, e);
      }
    }
    exits.forget(id);
    if (closed) { // the agent stops: removals of exited containers may still come in after close()
      removeRunDirIfEmpty();
    }
  }

  private static String checkId(String id) {
    if (id == null || !VALID_ID.matcher(id).matches()) {
      throw new ContainerException("invalid container id '" + id + "': letters, digits, '_', '.', '-' (max 128)");
    }
    return id;
  }
}

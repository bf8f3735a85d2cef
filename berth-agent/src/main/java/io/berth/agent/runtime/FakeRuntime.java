package io.berth.agent.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Containers in memory, for tests and simulated ("hollow") agents: nothing runs. A test ends a container with
 * {@link #exit}, makes {@link #start} fail with {@link #failStarts}, and reads back what the agent asked for
 * ({@link #spec}, {@link #signals}). Mounts are recorded in the spec, not applied (nothing runs).
 *
 * <p>Signals: SIGKILL (9) always ends a container with exit code 137; SIGTERM (15) ends it with 143 unless
 * {@link #ignoreSigterm} is set; every signal is recorded. One instance may outlive an agent: a new agent on the
 * same work dir finds the containers again, as with a real runtime. Thread-safe.
 */
public final class FakeRuntime implements ContainerRuntime {
  private static final int SIGKILL = 9;
  private static final int SIGTERM = 15;

  private final Map<String, Container> containers = new LinkedHashMap<>();
  private final List<ContainerSpec> started = new ArrayList<>();
  private final Map<String, List<Integer>> signalsSent = new LinkedHashMap<>();
  private String startFailure;
  private boolean ignoreSigterm;
  private boolean startsPaused;
  private long nextPid = 1000;

  private static final class Container {
    final ContainerSpec spec;
    final long pid;
    final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();

    Container(ContainerSpec spec, long pid) {
      this.spec = spec;
      this.pid = pid;
    }
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public synchronized StartReport start(ContainerSpec spec) {
    while (startsPaused) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ContainerException("interrupted while starting " + spec.id(), e);
      }
    }
    if (startFailure != null) {
      throw new ContainerException(startFailure);
    }
    if (containers.containsKey(spec.id())) {
      throw new ContainerException("container " + spec.id() + " already exists");
    }
    Container container = new Container(spec, nextPid++);
    containers.put(spec.id(), container);
    started.add(spec);
    return new StartReport(container.pid, Duration.ZERO, "");
  }

  @Override
  public synchronized List<String> list() {
    return List.copyOf(containers.keySet());
  }

  @Override
  public synchronized ContainerState state(String containerId) {
    Container c = containers.get(containerId);
    if (c == null) {
      return new ContainerState.Unknown();
    }
    return c.exit.isDone() ? new ContainerState.Exited(c.exit.join()) : new ContainerState.Running(c.pid);
  }

  @Override
  public synchronized CompletableFuture<ExitStatus> awaitExit(String containerId) {
    Container c = containers.get(containerId);
    if (c == null) {
      return CompletableFuture.failedFuture(new ContainerException("unknown container " + containerId));
    }
    return c.exit.copy();
  }

  @Override
  public void signal(String containerId, int signal) {
    Container c;
    ExitStatus ending = null;
    synchronized (this) {
      c = containers.get(containerId);
      if (c == null || c.exit.isDone()) {
        return;
      }
      signalsSent.computeIfAbsent(containerId, k -> new ArrayList<>()).add(signal);
      if (signal == SIGKILL || (signal == SIGTERM && !ignoreSigterm)) {
        ending = ExitStatus.signalled(signal);
      }
    }
    if (ending != null) {
      c.exit.complete(ending);
    }
  }

  /** No isolation: the command runs on the host, in the sandbox (see {@link HostExec}). */
  @Override
  public Process exec(String containerId, List<String> argv, Map<String, String> env, Path sandbox) {
    return HostExec.start(argv, env, sandbox);
  }

  @Override
  public synchronized void remove(String containerId) {
    Container c = containers.get(containerId);
    if (c == null) {
      return;
    }
    if (!c.exit.isDone()) {
      throw new ContainerException("container " + containerId + " is still running");
    }
    containers.remove(containerId);
  }

  // ---- test controls ----

  /** Ends a running container's main process with this status. */
  public void exit(String containerId, ExitStatus status) {
    Container c;
    synchronized (this) {
      c = containers.get(containerId);
      if (c == null) {
        throw new IllegalArgumentException("unknown container " + containerId);
      }
    }
    if (!c.exit.complete(status)) {
      throw new IllegalStateException("container " + containerId + " has already exited");
    }
  }

  /** Makes every later {@link #start} fail with this message; {@code null} lets starts succeed again. */
  public synchronized void failStarts(String message) {
    startFailure = message;
  }

  /** While paused, {@link #start} blocks (a slow container start); resuming lets waiting starts finish. */
  public synchronized void pauseStarts(boolean paused) {
    startsPaused = paused;
    notifyAll();
  }

  /** When true, SIGTERM is recorded but does not end containers (only SIGKILL does). */
  public synchronized void ignoreSigterm(boolean ignore) {
    ignoreSigterm = ignore;
  }

  /** Forgets a container as if it vanished (machine reboot, someone removed it): its state becomes Unknown. */
  public synchronized void forget(String containerId) {
    containers.remove(containerId);
  }

  /** The signals sent to a running container, in order (kept after the container is removed). */
  public synchronized List<Integer> signals(String containerId) {
    return List.copyOf(signalsSent.getOrDefault(containerId, List.of()));
  }

  /** The spec a container was started with. */
  public synchronized Optional<ContainerSpec> spec(String containerId) {
    Container c = containers.get(containerId);
    return c == null ? Optional.empty() : Optional.of(c.spec);
  }

  /** Every spec ever started, in order (also of containers removed since). */
  public synchronized List<ContainerSpec> started() {
    return List.copyOf(started);
  }

  /** The latest started spec whose environment has {@code MESOS_TASK_ID = taskId}. */
  public synchronized Optional<ContainerSpec> specOfTask(String taskId) {
    for (int i = started.size() - 1; i >= 0; i--) {
      if (taskId.equals(started.get(i).env().get("MESOS_TASK_ID"))) {
        return Optional.of(started.get(i));
      }
    }
    return Optional.empty();
  }
}

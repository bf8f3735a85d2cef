package io.berth.agent.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs containers on this machine (as containerd's runtime interface: create/start, signal, wait, delete).
 * A container is named by the agent ({@link ContainerSpec#id()}) and outlives the agent process: after an agent
 * restart, {@link #list()} finds the containers again and {@link #awaitExit} reports their exits, including exits
 * that happened while the agent was down.
 *
 * <p>Implementations: {@code RuncRuntime} (module berth-agent-runc, the default), {@link ProcessRuntime} (plain
 * processes, no isolation) and {@link FakeRuntime} (tests and simulated agents).
 */
public interface ContainerRuntime extends AutoCloseable {
  /** A short name for logs and the agent's state ({@code runc}, {@code process}, {@code fake}). */
  String name();

  /**
   * The id of a container this runtime has prepared ahead, handed out once: a start under it skips that preparation
   * ({@code RuncRuntime}: the container's monitor already runs, waiting for its bundle). Empty when none is ready:
   * the caller names the container itself, as it may always do. {@link #remove} releases a prepared id whose
   * container will not be started; {@link #close} releases the rest.
   */
  default Optional<String> takePreparedId() {
    return Optional.empty();
  }

  /**
   * Creates and starts the container. Returns once its main process runs, with what the start took (the caller
   * logs it).
   *
   * @throws ContainerException when it cannot be started (bad command, runtime failure); nothing is left behind
   */
  StartReport start(ContainerSpec spec);

  /** Ids of the containers this runtime knows: running, or exited and not yet removed. */
  List<String> list();

  /** The current state of a container. */
  ContainerState state(String containerId);

  /** Completes with the exit status once the container's main process has ended. */
  CompletableFuture<ExitStatus> awaitExit(String containerId);

  /** Sends a signal (15 = SIGTERM, 9 = SIGKILL) to the container's processes; no-op once it has exited. */
  void signal(String containerId, int signal);

  /**
   * Starts {@code argv} beside the container's main process, as Mesos runs a COMMAND health check: inside the
   * container (its namespaces, root, cgroup, environment and working directory) where the runtime isolates, else on
   * the host in {@code sandbox} with {@code env}. Its stderr goes to its stdout; the caller reads it and waits.
   *
   * @throws ContainerException when it cannot be started
   */
  Process exec(String containerId, List<String> argv, Map<String, String> env, Path sandbox);

  /** Removes an exited container (bundle, cgroups, monitor files). Idempotent. */
  void remove(String containerId);

  /** Releases the runtime's own resources; containers keep running. */
  @Override
  default void close() {}
}

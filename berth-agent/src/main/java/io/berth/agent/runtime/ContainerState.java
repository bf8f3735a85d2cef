package io.berth.agent.runtime;

/** Where a container is in its life. */
public sealed interface ContainerState {
  record Running(long pid) implements ContainerState {}

  record Exited(ExitStatus status) implements ContainerState {}

  /** The runtime does not know this container (never started, or removed). */
  record Unknown() implements ContainerState {}
}

package io.berth.agent.task;

import io.berth.common.error.BerthException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The task sandboxes: {@code <workDir>/sandboxes/<taskId>/}, the task's working directory with its
 * {@code stdout} and {@code stderr}. Sandboxes are kept after the task ends (for its logs).
 *
 * <p>Not yet done: garbage collection of old sandboxes (Mesos' {@code gc_delay} / disk watermark).
 */
public final class Sandboxes {
  private final Path root;

  public Sandboxes(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The sandbox of a task (which may not exist yet); the id must be a valid task id. */
  public Path of(String taskId) {
    TaskIds.check(taskId);
    Path sandbox = root.resolve(taskId).normalize();
    if (!root.equals(sandbox.getParent())) {
      throw BerthException.invalid("Task id '" + taskId + "' does not name a directory under " + root);
    }
    return sandbox;
  }

  /** Creates a task's sandbox (and the root) if missing. */
  public Path create(String taskId) {
    Path sandbox = of(taskId);
    try {
      return Files.createDirectories(sandbox);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the sandbox " + sandbox, e);
    }
  }
}

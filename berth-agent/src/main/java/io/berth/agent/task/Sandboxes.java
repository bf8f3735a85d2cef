package io.berth.agent.task;

import io.berth.common.error.BerthException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The task sandboxes: {@code <workDir>/sandboxes/<taskId>/}, the task's working directory with its
 * {@code stdout} and {@code stderr}. Tasks of a task group live in their executor's sandbox instead, as in Mesos:
 * {@code <workDir>/sandboxes/executors/<executorId>/runs/<runId>/} holds {@code tasks/<taskId>/} (each task's
 * sandbox) and {@code volumes/<name>/} (the group's ephemeral volumes). Sandboxes are kept after the task ends (for
 * its logs).
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

  /** The directory of all executor sandboxes (a plain task may therefore not be named {@value #EXECUTORS}). */
  public static final String EXECUTORS = "executors";

  /**
   * The run directory of a group's executor: the existing one if a task of the group already made it (the newest
   * run), else a new {@code runs/<newRunId>/}.
   */
  public Path groupRun(String executorId, String newRunId) {
    Path runs = root.resolve(EXECUTORS).resolve(TaskIds.check(executorId)).resolve("runs");
    try {
      Files.createDirectories(runs);
      try (var existing = Files.list(runs)) {
        java.util.Optional<Path> newest = existing.filter(Files::isDirectory)
            .max(java.util.Comparator.comparing(p -> p.toFile().lastModified()));
        if (newest.isPresent()) {
          return newest.get();
        }
      }
      return Files.createDirectories(runs.resolve(newRunId));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the executor sandbox under " + runs, e);
    }
  }

  /** The newest run directory of a group's executor, if it exists. */
  public java.util.Optional<Path> existingGroupRun(String executorId) {
    Path runs = root.resolve(EXECUTORS).resolve(executorId).resolve("runs");
    if (!Files.isDirectory(runs)) {
      return java.util.Optional.empty();
    }
    try (var existing = Files.list(runs)) {
      return existing.filter(Files::isDirectory).max(java.util.Comparator.comparing(p -> p.toFile().lastModified()));
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  /** Creates the sandbox of a group's task under the executor's run directory. */
  public Path createGroupTask(Path run, String taskId) {
    Path sandbox = run.resolve("tasks").resolve(TaskIds.check(taskId));
    try {
      return Files.createDirectories(sandbox);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the sandbox " + sandbox, e);
    }
  }

  /** Creates (if missing) an ephemeral volume of a group's executor run. */
  public Path createVolume(Path run, String volume) {
    Path dir = run.resolve("volumes").resolve(TaskIds.check(volume));
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the volume " + dir, e);
    }
  }

  /** The directory of a task's executor: the task's sandbox, or its group's executor run directory. */
  public Path executorDirectory(io.berth.api.cluster.TaskInfo task) {
    if (task.group() == null) {
      return of(task.id());
    }
    return existingGroupRun(task.group().executorId())
        .orElse(root.resolve(EXECUTORS).resolve(task.group().executorId()));
  }
}

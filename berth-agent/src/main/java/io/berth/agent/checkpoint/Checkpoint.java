package io.berth.agent.checkpoint;

import io.berth.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The agent's recovery state on disk, written atomically ({@link AtomicFiles}). Layout under {@code dir}
 * ({@code <workDir>/checkpoint}):
 *
 * <pre>
 * agent.json                 {"agentId": "..."}: the id the master gave (absent before the first registration)
 * tasks/task-&lt;taskId&gt;.json  one {@link CheckpointedTask} per task the agent still knows
 * updates/&lt;sequence&gt;.json    status updates not yet acknowledged ({@link UpdateLog})
 * </pre>
 *
 * Mutations happen on the agent's event loop; {@link #agentId()} may be read from any thread.
 */
public final class Checkpoint {
  private static final String TASK_PREFIX = "task-";

  private final Path agentFile;
  private final Path tasksDir;
  private final UpdateLog updates;
  private volatile String agentId;

  private record AgentFile(String agentId) {}

  private Checkpoint(Path dir) throws IOException {
    Files.createDirectories(dir);
    this.agentFile = dir.resolve("agent.json");
    this.tasksDir = Files.createDirectories(dir.resolve("tasks"));
    this.updates = new UpdateLog(Files.createDirectories(dir.resolve("updates")));
    if (Files.exists(agentFile)) {
      this.agentId = Json.read(Files.readAllBytes(agentFile), AgentFile.class).agentId();
    }
  }

  /** Opens (creating if needed) the checkpoint in {@code dir} and reads the agent id and pending updates. */
  public static Checkpoint open(Path dir) {
    try {
      return new Checkpoint(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the agent checkpoint in " + dir, e);
    }
  }

  /** The agent id the master gave, or null before the first registration. */
  public String agentId() {
    return agentId;
  }

  public void saveAgentId(String id) {
    AtomicFiles.write(agentFile, Json.write(new AgentFile(id)));
    agentId = id;
  }

  public void clearAgentId() {
    AtomicFiles.delete(agentFile);
    agentId = null;
  }

  public UpdateLog updates() {
    return updates;
  }

  public void saveTask(CheckpointedTask task) {
    AtomicFiles.write(taskFile(task.id()), Json.write(task));
  }

  public void deleteTask(String taskId) {
    AtomicFiles.delete(taskFile(taskId));
  }

  public void deleteAllTasks() {
    loadTasks().forEach(t -> deleteTask(t.id()));
  }

  /** Every checkpointed task. A file that cannot be read stops the agent: silently losing a task is worse. */
  public List<CheckpointedTask> loadTasks() {
    List<CheckpointedTask> tasks = new ArrayList<>();
    try (Stream<Path> files = Files.list(tasksDir)) {
      for (Path file : files.sorted().toList()) {
        if (AtomicFiles.isTemp(file)) {
          Files.deleteIfExists(file);
        } else if (file.getFileName().toString().startsWith(TASK_PREFIX)) {
          tasks.add(read(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the task checkpoints in " + tasksDir, e);
    }
    return tasks;
  }

  private static CheckpointedTask read(Path file) throws IOException {
    try {
      return Json.read(Files.readAllBytes(file), CheckpointedTask.class);
    } catch (RuntimeException e) {
      throw new IllegalStateException("corrupt task checkpoint " + file + ": " + e.getMessage(), e);
    }
  }

  private Path taskFile(String taskId) {
    return tasksDir.resolve(TASK_PREFIX + taskId + ".json");
  }
}

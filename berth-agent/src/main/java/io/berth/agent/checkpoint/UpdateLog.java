package io.berth.agent.checkpoint;

import io.berth.api.cluster.TaskStatus;
import io.berth.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Status updates not yet acknowledged by the master, in the order they were made, one file per update
 * ({@code updates/<sequence>.json}, the sequence zero-padded so names sort in order). An update is on disk before
 * anyone sends it and leaves only when the master acknowledges its uuid. Owned by the agent's event loop (not
 * thread-safe).
 */
public final class UpdateLog {
  private final Path dir;
  private final TreeMap<Long, TaskStatus> bySequence = new TreeMap<>();
  private final Map<String, Long> sequenceByUuid = new HashMap<>();
  private long nextSequence = 1;

  UpdateLog(Path dir) {
    this.dir = dir;
    load();
  }

  private void load() {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        if (AtomicFiles.isTemp(file)) {
          Files.deleteIfExists(file);
          continue;
        }
        String name = file.getFileName().toString();
        long sequence = Long.parseLong(name.substring(0, name.length() - ".json".length()));
        TaskStatus status = Json.read(Files.readAllBytes(file), TaskStatus.class);
        bySequence.put(sequence, status);
        sequenceByUuid.put(status.uuid(), sequence);
        nextSequence = Math.max(nextSequence, sequence + 1);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the pending status updates in " + dir, e);
    } catch (RuntimeException e) {
      throw new IllegalStateException("corrupt status update checkpoint in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Writes the update durably; only then may it be sent. */
  public void append(TaskStatus status) {
    long sequence = nextSequence++;
    AtomicFiles.write(file(sequence), Json.write(status));
    bySequence.put(sequence, status);
    sequenceByUuid.put(status.uuid(), sequence);
  }

  /** The oldest {@code max} pending updates, oldest first. */
  public List<TaskStatus> pending(int max) {
    return bySequence.values().stream().limit(max).toList();
  }

  public List<TaskStatus> all() {
    return List.copyOf(bySequence.values());
  }

  public boolean isEmpty() {
    return bySequence.isEmpty();
  }

  public int size() {
    return bySequence.size();
  }

  public boolean hasPending(String taskId) {
    return bySequence.values().stream().anyMatch(s -> s.taskId().equals(taskId));
  }

  /** Forgets the acknowledged updates; returns those that were pending (unknown uuids are ignored). */
  public List<TaskStatus> remove(Collection<String> uuids) {
    List<TaskStatus> removed = new ArrayList<>();
    for (String uuid : uuids) {
      Long sequence = sequenceByUuid.remove(uuid);
      if (sequence != null) {
        AtomicFiles.delete(file(sequence));
        removed.add(bySequence.remove(sequence));
      }
    }
    return removed;
  }

  /** Forgets every pending update (the agent was removed from the cluster). */
  public void clear() {
    remove(List.copyOf(sequenceByUuid.keySet()));
  }

  private Path file(long sequence) {
    return dir.resolve(String.format("%020d.json", sequence));
  }
}

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
 * anyone sends it (or, for an update the agent would make again after a crash, while it is sent: {@link #add}) and
 * leaves only when the master acknowledges its uuid. Owned by the agent's event loop (not
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

  /** Adds the update and writes it durably. */
  public void append(TaskStatus status) {
    persist(add(status));
  }

  /**
   * Adds the update in memory only, so that it can be sent while {@link #persist} writes it; returns its sequence.
   * Only for an update that the agent would make again after a crash from what is on disk already (see
   * {@code TaskRecovery}): should the agent stop before the write, the update is made again, or the master has it.
   */
  public long add(TaskStatus status) {
    long sequence = nextSequence++;
    bySequence.put(sequence, status);
    sequenceByUuid.put(status.uuid(), sequence);
    return sequence;
  }

  /** Writes an update added with {@link #add} durably (nothing when it has been acknowledged meanwhile). */
  public void persist(long sequence) {
    TaskStatus status = bySequence.get(sequence);
    if (status != null) {
      AtomicFiles.write(file(sequence), Json.write(status));
    }
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

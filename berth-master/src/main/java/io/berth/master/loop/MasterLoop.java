package io.berth.master.loop;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.common.time.SystemTime;
import io.berth.state.StatePublisher;
import io.berth.state.image.Agent;
import io.berth.state.image.ClusterImage;
import io.berth.state.image.Task;
import io.berth.state.record.ChangeRecord;
import io.berth.state.record.TaskRecord;
import io.berth.state.store.StaleWriterException;
import io.berth.state.store.StateStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leading master's single thread: the only owner of its mutable state. Work runs in rounds: the loop takes
 * every queued task, runs them one after the other against the working image (which already includes the records
 * of earlier tasks of the round), commits all records of the round to the {@link StateStore} in one batch, then
 * publishes the new image, completes the callers' futures and runs the round's after-commit effects (messages to
 * agents and frameworks). Nothing leaves the master before the records that justify it are durable, except what a
 * task asked to send {@link #beforeCommit} because a failed commit cannot make it harmful: launches to agents, and
 * status updates to frameworks (the agent resends what the master did not acknowledge after a commit).
 */
public final class MasterLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MasterLoop.class);

  private final StateStore store;
  private final StatePublisher publisher;
  private final Runnable onStoreFailure;
  private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  private ClusterImage committed;
  private ClusterImage working;
  /**
   * Records of this round not yet applied to {@link #working}: applying copies the image's maps, so records are applied
   * in one go when the image is next read instead of one copy per record (1,000 launches in a round on a large
   * cluster would otherwise copy the task map 1,000 times).
   */
  private final List<ChangeRecord> unapplied = new ArrayList<>();
  /** The tasks the unapplied records are about, or null when one of them is not a task record. */
  private Set<String> unappliedTasks = new HashSet<>();
  /**
   * Rounds slower than this are logged (warning) with where their time went. A commit takes 2–25 ms on a shared
   * virtual disk, so a lower threshold would fill the journal; 100 ms means everything the master does waits.
   */
  private static final long SLOW_ROUND_NANOS = 100_000_000;
  private final List<ChangeRecord> pending = new ArrayList<>();
  private final List<Runnable> effects = new ArrayList<>();
  private final List<Runnable> early = new ArrayList<>();
  private final List<Completion<?>> completions = new ArrayList<>();

  /**
   * @param onStoreFailure called (on the loop thread) when a commit fails: another master wrote, or the store was
   *     unreachable and whether the batch landed is unknown. Either way this term's image can no longer be trusted;
   *     the master must stop this term (and start a new one from the store if it still leads).
   */
  public MasterLoop(String name, StateStore store, StatePublisher publisher, ClusterImage start, Runnable onStoreFailure) {
    this.store = store;
    this.publisher = publisher;
    this.onStoreFailure = onStoreFailure;
    this.committed = start;
    this.working = start;
    this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
  }

  public void start() {
    thread.start();
  }

  /** Queues work for the loop; it may call {@link #record} and {@link #afterCommit}. */
  public void execute(Runnable task) {
    if (!running) {
      throw new BerthException(ErrorCode.NOT_LEADER, "this master is no longer the leader");
    }
    queue.add(task);
  }

  /**
   * Runs {@code task} on the loop; the future completes with its result once the records it made are committed
   * (at once when it made none), or fails when the task throws or the commit fails.
   */
  public <T> CompletableFuture<T> call(Supplier<T> task) {
    CompletableFuture<T> future = new CompletableFuture<>();
    execute(() -> {
      T value;
      try {
        value = task.get();
      } catch (RuntimeException e) {
        future.completeExceptionally(e);
        return;
      }
      completions.add(new Completion<>(future, value));
    });
    return future;
  }

  /** The current image including this round's uncommitted records. Loop thread only. */
  public ClusterImage image() {
    assertOnLoop();
    if (!unapplied.isEmpty()) {
      working = working.apply(working.offset(), unapplied);
      clearUnapplied();
    }
    return working;
  }

  /**
   * A task as {@link #image()} has it, without rebuilding the working image when this round's unapplied records
   * are all about other tasks (a task's record changes no other task): the status updates and acknowledgements of a
   * busy round then read one image instead of rebuilding it once each. Loop thread only.
   */
  public Optional<Task> task(String taskId) {
    assertOnLoop();
    return unappliedTasks == null || unappliedTasks.contains(taskId) ? image().task(taskId) : working.task(taskId);
  }

  /** An agent as {@link #image()} has it, without a rebuild when only task records are unapplied. Loop thread only. */
  public Optional<Agent> agent(String agentId) {
    assertOnLoop();
    return unappliedTasks == null ? image().agent(agentId) : working.agent(agentId);
  }

  /** Adds records to this round's batch; they apply to {@link #image()} at once. Loop thread only. */
  public void record(List<? extends ChangeRecord> records) {
    assertOnLoop();
    if (!records.isEmpty()) {
      unapplied.addAll(records);
      pending.addAll(records);
      for (ChangeRecord r : records) {
        if (unappliedTasks != null && r instanceof TaskRecord t) {
          unappliedTasks.add(t.taskId());
        } else {
          unappliedTasks = null;
        }
      }
    }
  }

  private void clearUnapplied() {
    unapplied.clear();
    unappliedTasks = new HashSet<>();
  }

  public void record(ChangeRecord record) {
    record(List.of(record));
  }

  /** Runs {@code effect} on the loop after this round's records are committed; dropped if the commit fails. */
  public void afterCommit(Runnable effect) {
    assertOnLoop();
    effects.add(effect);
  }

  /**
   * Runs {@code effect} on the loop once this round's work has run, before its records are committed, so that slow
   * I/O the effect starts overlaps the commit. Only for effects whose outcome is safe if the commit then fails and
   * the term ends: e.g. a launch sent to an agent, which the next leader kills as a task it does not know.
   */
  public void beforeCommit(Runnable effect) {
    assertOnLoop();
    early.add(effect);
  }

  public boolean onLoop() {
    return Thread.currentThread() == thread;
  }

  private void assertOnLoop() {
    if (!onLoop()) {
      throw new IllegalStateException("must run on " + thread.getName());
    }
  }

  private void run() {
    List<Runnable> round = new ArrayList<>();
    while (running) {
      try {
        round.add(queue.take());
      } catch (InterruptedException e) {
        break;
      }
      queue.drainTo(round);
      long start = SystemTime.ticker().nanos();
      int tasks = round.size();
      for (Runnable task : round) {
        try {
          task.run();
        } catch (RuntimeException e) {
          log.error("master task failed", e);
        }
      }
      round.clear();
      long ran = SystemTime.ticker().nanos();
      finishRound();
      long took = SystemTime.ticker().nanos() - start;
      if (took > SLOW_ROUND_NANOS) {
        log.warn("slow round: {} tasks ran in {} µs, commit + publish + effects took {} µs", tasks, (ran - start) / 1000,
            (SystemTime.ticker().nanos() - ran) / 1000);
      }
    }
    completions.forEach(c -> c.future.completeExceptionally(
        new BerthException(ErrorCode.NOT_LEADER, "this master stopped leading")));
  }

  private void finishRound() {
    List<Runnable> before = List.copyOf(early);
    early.clear();
    runEffects(before);
    if (!pending.isEmpty()) {
      try {
        store.append(committed.offset(), pending);
      } catch (RuntimeException e) {
        failRound(e);
        return;
      }
      List<ChangeRecord> batch = List.copyOf(pending);
      committed = committed.apply(committed.offset() + 1, batch);
      working = committed;
      clearUnapplied();
      pending.clear();
      publisher.publish(committed, batch);
    }
    List<Completion<?>> done = List.copyOf(completions);
    List<Runnable> toRun = List.copyOf(effects);
    completions.clear();
    effects.clear();
    done.forEach(Completion::complete);
    runEffects(toRun);
    if (!pending.isEmpty() || !effects.isEmpty() || !completions.isEmpty() || !early.isEmpty()) {
      // Effects recorded more work: commit it in a round of its own.
      queue.add(() -> {});
    }
  }

  private static void runEffects(List<Runnable> toRun) {
    for (Runnable effect : toRun) {
      try {
        effect.run();
      } catch (RuntimeException e) {
        log.error("effect of a round failed", e);
      }
    }
  }

  private void failRound(RuntimeException cause) {
    log.error("committing {} records failed; the round is dropped", pending.size(), cause);
    BerthException error = cause instanceof BerthException b ? b
        : new BerthException(ErrorCode.UNAVAILABLE, "cannot commit to the state store: " + cause.getMessage(), cause);
    completions.forEach(c -> c.future.completeExceptionally(error));
    completions.clear();
    effects.clear();
    pending.clear();
    clearUnapplied();
    working = committed;
    running = false;
    log.warn("the term ends: {}", cause instanceof StaleWriterException ? "another master wrote to the state"
        : "the state store failed and the outcome of the commit is unknown");
    onStoreFailure.run();
  }

  /** Stops the loop; queued work is dropped and waiting callers fail with NOT_LEADER. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    if (!onLoop()) {
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Runnable task;
    while ((task = queue.poll()) != null) {
      log.debug("dropping queued master task {}", task);
    }
  }

  private record Completion<T>(CompletableFuture<T> future, T value) {
    void complete() {
      future.complete(value);
    }
  }
}

package io.berth.agent.master;

import io.berth.agent.Backoff;
import io.berth.agent.EventLoop;
import io.berth.agent.checkpoint.UpdateLog;
import io.berth.agent.task.StatusPublisher;
import io.berth.api.agent.StatusUpdates;
import io.berth.api.agent.UpdatesAcknowledged;
import io.berth.api.cluster.TaskStatus;
import io.berth.client.ApiException;
import io.berth.client.MasterClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers status updates at least once and in order: every update is appended to the {@link UpdateLog} (on
 * disk) before it is sent, or, when the agent would make it again after a crash, while it is sent; TASK_STARTING
 * waits (at most {@link #HOLD}) to travel with the next update; pending updates go to the master oldest first, in
 * batches, one request at a time; an update leaves the log only when the master's {@link UpdatesAcknowledged} lists
 * its uuid. Failures are retried with backoff; after every (re-)registration everything pending is sent again. Runs
 * on the agent's event loop.
 */
public final class StatusUpdateSender implements StatusPublisher {
  private static final Logger log = LoggerFactory.getLogger(StatusUpdateSender.class);
  static final int BATCH = 100;
  /** How long {@link #publishHeld} keeps an update back at most. */
  public static final Duration HOLD = Duration.ofMillis(100);

  private final EventLoop loop;
  private final UpdateLog updates;
  private final Backoff backoff;
  private final Consumer<List<TaskStatus>> onAcknowledged;
  private final Duration hold;

  private MasterClient master;
  private String agentId;
  private Runnable onRejected;
  private long session;
  private boolean inFlight;
  private int failures;
  private ScheduledFuture<?> retry;
  /** The timer of a held update ({@link #publishHeld}): sends what is pending unless something sent it first. */
  private ScheduledFuture<?> held;
  private final List<CompletableFuture<Void>> delivered = new ArrayList<>();

  /** {@code onAcknowledged} learns which updates the master committed (called on the loop). */
  public StatusUpdateSender(EventLoop loop, UpdateLog updates, Backoff backoff,
      Consumer<List<TaskStatus>> onAcknowledged) {
    this(loop, updates, backoff, onAcknowledged, HOLD);
  }

  /** As above, holding updates of {@link #publishHeld} for {@code hold} at most (tests). */
  StatusUpdateSender(EventLoop loop, UpdateLog updates, Backoff backoff, Consumer<List<TaskStatus>> onAcknowledged,
      Duration hold) {
    this.hold = hold;
    this.loop = loop;
    this.updates = updates;
    this.backoff = backoff;
    this.onAcknowledged = onAcknowledged;
  }

  /** Checkpoints an update, then sends it as soon as possible. */
  @Override
  public void publish(TaskStatus status) {
    updates.append(status);
    sendPending();
  }

  /**
   * Checkpoints an update and sends it with the next update published, or after {@link #HOLD} at the latest:
   * TASK_STARTING, which the start of the container usually follows with TASK_RUNNING within tens of milliseconds.
   * Sent together, the two cost the master one commit instead of two, and the framework's acknowledgement of the
   * first does not compete with the container's start for the machine.
   */
  @Override
  public void publishHeld(TaskStatus status) {
    updates.append(status);
    if (held == null) {
      held = loop.schedule(hold, () -> {
        held = null;
        sendPending();
      });
    }
  }

  /**
   * Sends an update at once and checkpoints it while it travels ({@link UpdateLog#add}). The acknowledgement is handled
   * on the loop, so always after the write.
   */
  @Override
  public void publishRepeatable(TaskStatus status) {
    long sequence = updates.add(status);
    sendPending();
    updates.persist(sequence);
  }

  /**
   * The agent is registered with {@code master} as {@code agentId}: send everything pending. {@code onRejected}
   * runs when the master answers that it does not know the agent (404/409), so the link registers again.
   */
  void connected(MasterClient client, String id, Runnable rejected) {
    session++;
    master = client;
    agentId = id;
    onRejected = rejected;
    inFlight = false;
    failures = 0;
    EventLoop.cancel(retry);
    retry = null;
    sendPending();
  }

  /** No master for now: hold updates until the next {@link #connected}. */
  void disconnected() {
    session++;
    master = null;
    inFlight = false;
    EventLoop.cancel(retry);
    retry = null;
  }

  /** Completes once no update waits for an acknowledgement (at once when none does). */
  public CompletableFuture<Void> whenAllDelivered() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    delivered.add(done);
    checkDelivered();
    return done;
  }

  private void checkDelivered() {
    if (updates.isEmpty() && !delivered.isEmpty()) {
      delivered.forEach(f -> f.complete(null));
      delivered.clear();
    }
  }

  /** How many updates wait for an acknowledgement. */
  public int pendingCount() {
    return updates.size();
  }

  private void sendPending() {
    if (master == null || inFlight || retry != null || updates.isEmpty()) {
      return;
    }
    EventLoop.cancel(held); // a held update goes with this batch
    held = null;
    List<TaskStatus> batch = updates.pending(BATCH);
    MasterClient client = master;
    String id = agentId;
    long mySession = session;
    inFlight = true;
    loop.io("updates", () -> {
      try {
        UpdatesAcknowledged ack = client.sendUpdates(id, new StatusUpdates(batch));
        loop.execute(() -> sent(mySession, batch, ack == null ? new UpdatesAcknowledged(List.of()) : ack));
      } catch (RuntimeException e) {
        loop.execute(() -> failed(mySession, e));
      }
    });
  }

  private void sent(long mySession, List<TaskStatus> batch, UpdatesAcknowledged ack) {
    // An acknowledgement is a commit by the master, whichever session asked: apply it.
    List<TaskStatus> removed = updates.remove(ack.uuids());
    if (!removed.isEmpty()) {
      onAcknowledged.accept(removed);
      checkDelivered();
    }
    if (mySession != session) {
      return;
    }
    inFlight = false;
    if (removed.isEmpty()) {
      log.debug("the master acknowledged none of {} updates; retrying later", batch.size());
      scheduleRetry();
    } else {
      failures = 0;
      sendPending();
    }
  }

  private void failed(long mySession, RuntimeException error) {
    if (mySession != session) {
      return;
    }
    inFlight = false;
    if (error instanceof ApiException api && (api.status() == 404 || api.status() == 409)) {
      log.info("the master does not know this agent ({}); registering again", api.status());
      onRejected.run();
      return;
    }
    log.debug("sending status updates failed: {}", error.getMessage());
    scheduleRetry();
  }

  private void scheduleRetry() {
    long mySession = session;
    retry = loop.schedule(backoff.delay(failures++), () -> {
      if (mySession == session) {
        retry = null;
        sendPending();
      }
    });
  }
}

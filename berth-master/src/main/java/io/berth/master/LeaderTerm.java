package io.berth.master;

import io.berth.api.agent.AgentRegistration;
import io.berth.api.agent.RegisterAgent;
import io.berth.api.agent.StatusUpdates;
import io.berth.api.agent.UpdatesAcknowledged;
import io.berth.api.cluster.FrameworkInfo;
import io.berth.client.AgentClient;
import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.common.id.IdGenerator;
import io.berth.common.time.Ticker;
import io.berth.framework.SchedulerCall;
import io.berth.framework.SchedulerEvent;
import io.berth.master.allocation.OfferBook;
import io.berth.master.loop.MasterLoop;
import io.berth.state.StatePublisher;
import io.berth.state.StateWriter;
import io.berth.state.image.ClusterImage;
import io.berth.state.store.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One term of leadership: from the moment this master is elected until it loses leadership. It loads the image
 * from the store, owns the {@link MasterLoop} and all in-memory leader state (liveness, offers, sessions), and is
 * thrown away whole when leadership ends. Its public methods are thread-safe: they run work on the loop.
 */
public final class LeaderTerm implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaderTerm.class);
  private static final long SNAPSHOT_EVERY_BATCHES = 1000;

  private final Term term;
  private final AgentMembership agents;
  private final TaskLifecycle tasks;
  private final FrameworkLifecycle frameworks;
  private final Allocation allocation;
  private final ScheduledExecutorService timers;
  private final StateStore store;
  private final Instant electedAt;
  private final StatePublisher publisher;
  private final Consumer<io.berth.state.ClusterDelta> snapshotter = delta -> maybeSnapshot(delta.current());
  private volatile long lastSnapshotOffset;

  LeaderTerm(MasterConfig config, StateStore store, StatePublisher publisher, InstantSource clock, Ticker ticker,
      IdGenerator ids, AgentClient agentClient, Runnable onStaleWriter) {
    this.store = store;
    this.publisher = publisher;
    ClusterImage image = store.load();
    lastSnapshotOffset = image.offset();
    publisher.publish(image, java.util.List.of());
    MasterLoop loop = new MasterLoop("master-loop", store, publisher, image, onStaleWriter);
    this.term = new Term(config, loop, clock, ticker, ids, agentClient, new OfferBook(), new FrameworkSessions());
    this.allocation = new Allocation(term);
    this.tasks = new TaskLifecycle(term, allocation::request);
    this.agents = new AgentMembership(term, tasks::forward, allocation::request);
    this.frameworks = new FrameworkLifecycle(term, tasks, allocation::request);
    this.electedAt = clock.instant();
    agents.startTerm(image);
    frameworks.startTerm(image);
    publisher.subscribe(snapshotter);
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("master-timers").daemon().unstarted(r));
    loop.start();
    every(config.allocationInterval(), () -> {
      agents.checkLiveness();
      frameworks.checkFailoverTimeouts();
      allocation.expireOffers();
      allocation.allocate();
    });
    every(config.updateResendInterval(), () -> term.sessions().connected().keySet().forEach(tasks::resendUnacknowledged));
    every(config.frameworkHeartbeatInterval(), () -> term.sessions().broadcast(new SchedulerEvent.Heartbeat(), term.now()));
    log.info("leading from offset {} with {} agents, {} frameworks, {} tasks", image.offset(), image.agents().size(),
        image.frameworks().size(), image.tasks().size());
  }

  private void every(Duration period, Runnable work) {
    long millis = Math.max(1, period.toMillis());
    timers.scheduleAtFixedRate(() -> {
      try {
        term.loop().execute(work);
      } catch (BerthException e) {
        // the term is ending
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void maybeSnapshot(ClusterImage image) {
    if (image.offset() - lastSnapshotOffset >= SNAPSHOT_EVERY_BATCHES) {
      lastSnapshotOffset = image.offset();
      Thread.ofVirtual().name("state-snapshot").start(() -> {
        try {
          store.snapshot(image);
        } catch (RuntimeException e) {
          log.warn("snapshot at offset {} failed", image.offset(), e);
        }
      });
    }
  }

  public Instant electedAt() {
    return electedAt;
  }

  // ---- agents ----

  public CompletableFuture<AgentRegistration> register(RegisterAgent request) {
    return term.loop().call(() -> agents.register(request));
  }

  public CompletableFuture<Void> heartbeat(String agentId) {
    return term.loop().call(() -> {
      agents.heartbeat(agentId);
      return null;
    });
  }

  public CompletableFuture<UpdatesAcknowledged> updates(String agentId, StatusUpdates updates) {
    return term.loop().call(() -> new UpdatesAcknowledged(tasks.fromAgent(agentId, updates.updates())));
  }

  // ---- frameworks ----

  /** Subscribes a scheduler; its events go to {@code sink} on the loop thread (the sink must not block). */
  public CompletableFuture<String> subscribe(FrameworkInfo info, String streamId, Consumer<SchedulerEvent> sink) {
    return term.loop().call(() -> frameworks.subscribe(info, streamId, sink));
  }

  /** A call of a subscribed scheduler; {@code streamId} must be that of its current subscription. */
  public CompletableFuture<Void> call(String frameworkId, String streamId, SchedulerCall call) {
    return term.loop().call(() -> {
      FrameworkSessions.Session session = term.sessions().session(frameworkId).orElseThrow(() ->
          new BerthException(ErrorCode.FORBIDDEN, "Framework " + frameworkId + " is not subscribed"));
      if (!session.streamId().equals(streamId)) {
        throw BerthException.badRequest("The request's Mesos-Stream-Id is not the framework's current stream");
      }
      switch (call) {
        case SchedulerCall.Subscribe s -> throw BerthException.badRequest("SUBSCRIBE opens a new stream; it is not a call");
        case SchedulerCall.Accept a -> tasks.accept(frameworkId, a);
        case SchedulerCall.Decline d -> decline(frameworkId, d);
        case SchedulerCall.Revive r -> {
          term.offers().revive(frameworkId);
          allocation.request();
        }
        case SchedulerCall.Suppress s -> term.offers().suppress(frameworkId);
        case SchedulerCall.Kill k -> tasks.kill(frameworkId, k);
        case SchedulerCall.Acknowledge a -> tasks.acknowledge(frameworkId, a);
        case SchedulerCall.Reconcile r -> tasks.reconcile(frameworkId, r);
        case SchedulerCall.Teardown t -> frameworks.teardown(frameworkId);
      }
      return null;
    });
  }

  private void decline(String frameworkId, SchedulerCall.Decline decline) {
    for (String offerId : decline.offerIds()) {
      term.offers().get(offerId).filter(o -> o.frameworkId().equals(frameworkId)).ifPresent(o -> {
        term.offers().remove(offerId);
        term.offers().refuse(frameworkId, o.agentId(), o.resources(), decline.filters().refuseSeconds(), term.now());
      });
    }
    allocation.request();
  }

  public void disconnect(String frameworkId, String streamId) {
    try {
      term.loop().execute(() -> frameworks.disconnect(frameworkId, streamId));
    } catch (BerthException e) {
      // the term has ended: nothing to disconnect from
    }
  }

  // ---- services ----

  /** Runs a service's command on the loop and commits its records (see {@link StateWriter}). */
  public <T> CompletableFuture<T> write(java.util.function.Function<ClusterImage, StateWriter.Write<T>> command) {
    return term.loop().call(() -> {
      StateWriter.Write<T> write = command.apply(term.loop().image());
      term.loop().record(write.records());
      return write.result();
    });
  }

  // ---- reads ----

  /** A consistent view of the leader's state for the operator API. */
  public CompletableFuture<OperatorView> view() {
    return term.loop().call(() -> new OperatorView(term.loop().image(), term.sessions().connected().keySet(),
        term.offers().all(), electedAt));
  }

  @Override
  public void close() {
    publisher.unsubscribe(snapshotter);
    timers.shutdownNow();
    term.loop().close();
  }
}

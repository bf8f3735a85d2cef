package io.berth.metronome;

import io.berth.api.cluster.FrameworkInfo;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.common.id.IdGenerator;
import io.berth.common.time.Ticker;
import io.berth.framework.Filters;
import io.berth.framework.Offer;
import io.berth.framework.Operation;
import io.berth.framework.SchedulerCall;
import io.berth.framework.SchedulerConnection;
import io.berth.framework.SchedulerEvent;
import io.berth.master.LeaderContext;
import io.berth.master.LeaderService;
import io.berth.metronome.run.OfferMatcher;
import io.berth.metronome.run.RunTasks;
import io.berth.metronome.schedule.NextOccurrences;
import io.berth.state.ClusterDelta;
import io.berth.state.StatePublisher;
import io.berth.state.StateWriter;
import io.berth.state.image.ClusterImage;
import io.berth.state.image.Task;
import io.berth.state.jobs.JobRun;
import io.berth.state.record.MetronomeRecord;
import io.berth.state.record.TaskRecord;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metronome as a framework of the leading master. One thread owns its in-memory state (launches in flight, kills
 * sent, writes in flight); everything durable is in the cluster image. Each {@link RunLoop#tick} reads the image and
 * the clock and acts: schedules that are due fire, runs move on (ACTIVE, SUCCESS, FAILED, retry), runs that need a
 * task wait for offers, tasks of ended runs are killed. A new term starts from the image alone, so a run whose task
 * was launched before a failover adopts it, and an occurrence handled before it is not handled again.
 */
public final class JobScheduler implements LeaderService {
  private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);
  public static final String FRAMEWORK_ID = "berth-metronome-0000";
  static final FrameworkInfo FRAMEWORK = new FrameworkInfo(FRAMEWORK_ID, "metronome", "root", "*",
      Duration.ofDays(7).toSeconds(), true, null, null, null, List.of("PARTITION_AWARE"));

  private final StatePublisher publisher;
  private final InstantSource clock;
  private final Ticker ticker;
  private final IdGenerator ids;
  private final MetronomeConfig config;
  private final JobCommands commands;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("metronome").daemon().unstarted(r));
  private final AtomicBoolean tickRequested = new AtomicBoolean();
  private final Consumer<ClusterDelta> listener = this::onDelta;
  private volatile RunLoop term;
  private volatile List<JobRun> queue = List.of();

  public JobScheduler(StatePublisher publisher, InstantSource clock, Ticker ticker, IdGenerator ids,
      MetronomeConfig config) {
    this.publisher = publisher;
    this.clock = clock;
    this.ticker = ticker;
    this.ids = ids;
    this.config = config;
    this.commands = new JobCommands(new RunIds(ids), config.historyCount());
  }

  JobCommands commands() {
    return commands;
  }

  InstantSource clock() {
    return clock;
  }

  StatePublisher publisher() {
    return publisher;
  }

  /** Runs that wait for an offer, as of the last tick. */
  List<JobRun> queue() {
    return queue;
  }

  @Override
  public void start(LeaderContext context) {
    RunLoop loop = new RunLoop(context.state());
    // On the scheduler's thread: the first events (queued behind this) find the term in place, and a stop() called
    // meanwhile runs after it.
    await(thread.submit(() -> {
      loop.connection = context.scheduler().subscribe(FRAMEWORK, e -> thread.execute(() -> onEvent(loop, e)));
      term = loop;
      publisher.subscribe(listener);
      loop.periodic = thread.scheduleWithFixedDelay(this::tick, 0, config.tickInterval().toMillis(), TimeUnit.MILLISECONDS);
      log.info("metronome subscribed as {}", loop.connection.frameworkId());
    }));
  }

  @Override
  public void stop() {
    await(thread.submit(() -> {
      RunLoop loop = term;
      term = null;
      publisher.unsubscribe(listener);
      if (loop != null) {
        loop.periodic.cancel(false);
        loop.connection.close();
      }
      queue = List.of();
    }));
  }

  private static void await(Future<?> work) {
    try {
      work.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new BerthException(ErrorCode.UNAVAILABLE, "Metronome's scheduler thread did not answer within 60 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Commits a command through the leader's loop; NOT_LEADER when this master does not lead. */
  <T> CompletableFuture<T> write(Function<ClusterImage, StateWriter.Write<T>> command) {
    RunLoop loop = term;
    if (loop == null) {
      throw new BerthException(ErrorCode.NOT_LEADER, "This master is not leading Metronome; send the request to the leader");
    }
    return loop.writer.write(command).whenComplete((r, e) -> requestTick());
  }

  /** Looks at runs and schedules soon (coalesced). */
  void requestTick() {
    if (tickRequested.compareAndSet(false, true)) {
      thread.execute(() -> {
        tickRequested.set(false);
        tick();
      });
    }
  }

  private void onDelta(ClusterDelta delta) {
    for (var r : delta.records()) {
      if (r instanceof MetronomeRecord || r instanceof TaskRecord) {
        requestTick();
        return;
      }
    }
  }

  private void tick() {
    RunLoop loop = term;
    if (loop == null) {
      return;
    }
    try {
      queue = loop.tick(publisher.current(), clock.instant());
    } catch (RuntimeException e) {
      log.error("metronome tick failed", e);
    }
  }

  private void onEvent(RunLoop loop, SchedulerEvent event) {
    if (term != loop) {
      return; // an event of an earlier term's subscription
    }
    switch (event) {
      case SchedulerEvent.Offers o -> o.offers().forEach(offer -> loop.useOffer(offer, publisher.current()));
      case SchedulerEvent.Update u -> {
        if (u.status().uuid() != null) {
          loop.connection.call(new SchedulerCall.Acknowledge(u.status().agentId(), u.status().taskId(), u.status().uuid()));
        }
        if (u.status().state() == TaskState.TASK_ERROR || u.status().state() == TaskState.TASK_DROPPED) {
          loop.launchFailed(u.status().taskId(), u.status().message());
        }
        requestTick();
      }
      case SchedulerEvent.Error e -> log.warn("metronome's subscription ended: {}", e.message());
      case SchedulerEvent.Subscribed s -> requestTick();
      case SchedulerEvent.Rescind r -> { }
      case SchedulerEvent.Failure f -> requestTick();
      case SchedulerEvent.Heartbeat h -> { }
    }
  }

  /** One term's in-memory state; used on the scheduler's thread only. */
  private final class RunLoop {
    SchedulerConnection connection;
    final StateWriter writer;
    ScheduledFuture<?> periodic;
    /** run key -> the task launched for it that the image does not show yet, and when. */
    final Map<String, Launch> launching = new HashMap<>();
    final Map<String, Long> killsSent = new HashMap<>();
    final java.util.Set<String> writing = new java.util.HashSet<>();
    final NextOccurrences nextOccurrences = new NextOccurrences();
    List<JobRun> waiting = List.of();
    boolean suppressed;

    record Launch(String taskId, long atNanos) {}

    RunLoop(StateWriter writer) {
      this.writer = writer;
    }

    List<JobRun> tick(ClusterImage image, java.time.Instant now) {
      Map<String, String> inFlight = new HashMap<>();
      launching.forEach((k, l) -> inFlight.put(k, l.taskId()));
      TickPlan plan = TickPlan.of(image, FRAMEWORK_ID, now, config.retryDelay(), inFlight, nextOccurrences);
      launching.keySet().removeAll(plan.settled());
      plan.dueSchedules().forEach(s -> writeOnce("schedule:" + s, commands.fire(s.jobId(), s.scheduleId(), now)));
      plan.dependenciesMet().forEach(j -> writeOnce("dependencies:" + j, commands.runForDependencies(j, now)));
      plan.active().forEach(k -> writeOnce("run:" + k.key(), commands.markActive(k.jobId(), k.runId(), now)));
      plan.finished().forEach(f -> {
        if (writeOnce("run:" + RunTasks.key(f.jobId(), f.runId()), commands.finish(f.jobId(), f.runId(), f.status(), now, f.taskIds()))) {
          log.info("run {} of job {} ends {}: {}", f.runId(), f.jobId(), f.status(), f.why());
        }
      });
      long nowNanos = ticker.nanos();
      for (Task stray : plan.strays()) {
        Long sent = killsSent.get(stray.id());
        if (sent == null || nowNanos - sent >= config.killResendInterval().toNanos()) {
          killsSent.put(stray.id(), nowNanos);
          connection.call(new SchedulerCall.Kill(stray.id(), stray.info().agentId(), null));
        }
      }
      killsSent.keySet().retainAll(plan.strays().stream().map(Task::id).toList());
      launching.values().removeIf(l -> nowNanos - l.atNanos() > config.launchTimeout().toNanos());
      waiting = plan.waiting();
      if (!waiting.isEmpty() && suppressed) {
        suppressed = false;
        connection.call(new SchedulerCall.Revive());
      } else if (waiting.isEmpty() && launching.isEmpty() && !suppressed) {
        suppressed = true;
        connection.call(new SchedulerCall.Suppress());
      }
      return waiting;
    }

    void launchFailed(String taskId, String message) {
      if (launching.values().removeIf(l -> l.taskId().equals(taskId))) {
        log.warn("launching {} failed: {}", taskId, message);
      }
    }

    void useOffer(Offer offer, ClusterImage image) {
      List<JobRun> candidates = waiting.stream().filter(r -> !launching.containsKey(RunTasks.key(r.jobId(), r.id())))
          .filter(r -> image.jobs().job(r.jobId()).flatMap(j -> j.activeRun(r.id())).isPresent()).toList();
      List<JobRun> taken = OfferMatcher.match(offer, candidates);
      if (taken.isEmpty()) {
        connection.call(new SchedulerCall.Decline(List.of(offer.id()), candidates.isEmpty() ? Filters.DEFAULT : new Filters(1)));
        return;
      }
      List<TaskInfo> tasks = new ArrayList<>();
      for (JobRun run : taken) {
        TaskInfo task = RunTasks.task(run, ids.next(), FRAMEWORK_ID, offer.agentId());
        tasks.add(task);
        launching.put(RunTasks.key(run.jobId(), run.id()), new Launch(task.id(), ticker.nanos()));
      }
      connection.call(new SchedulerCall.Accept(List.of(offer.id()), List.of(new Operation.Launch(tasks)), Filters.NONE))
          .whenComplete((ok, error) -> {
            if (error != null) {
              thread.execute(() -> tasks.forEach(t -> launchFailed(t.id(), error.getMessage())));
            }
            requestTick();
          });
    }

    /** Writes unless a write with the same key is in flight; true when it wrote. */
    private <T> boolean writeOnce(String key, Function<ClusterImage, StateWriter.Write<T>> command) {
      if (!writing.add(key)) {
        return false;
      }
      writer.write(command).whenComplete((r, e) -> thread.execute(() -> {
        writing.remove(key);
        if (e != null) {
          log.warn("metronome write {} failed: {}", key, e.toString());
        }
        requestTick();
      }));
      return true;
    }
  }
}

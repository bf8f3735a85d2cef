package io.berth.bench;

import io.berth.api.cluster.CommandInfo;
import io.berth.api.cluster.FrameworkInfo;
import io.berth.api.cluster.Resources;
import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.client.JsonHttp;
import io.berth.framework.Filters;
import io.berth.framework.Offer;
import io.berth.framework.Operation;
import io.berth.framework.SchedulerCall;
import io.berth.framework.SchedulerConnection;
import io.berth.framework.SchedulerEvent;
import io.berth.framework.http.HttpSchedulerClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A framework on Berth's Mesos v1 scheduler API (over HTTP, with {@link HttpSchedulerClient}) that launches one
 * short task at a time. The clock runs from just before ACCEPT (with a LAUNCH of one task, {@link Filters#NONE})
 * is sent to the arrival of the task's TASK_RUNNING on the event stream; waiting for the offer is not timed.
 * Every update is acknowledged; {@link #launch} returns once the task has ended, so launches never overlap.
 *
 * <p>Events are queued with their arrival time by the stream's reader and handled by the caller's thread, so the
 * arrival time does not include any handling on our side.
 */
final class BerthLauncher implements AutoCloseable {
  static final double TASK_CPUS = 0.1;
  static final double TASK_MEM = 32;
  private static final Resources TASK = Resources.of(TASK_CPUS, TASK_MEM);

  /** An event as it came off the stream: when (monotonic) and when (wall clock, to compare with agent stamps). */
  private record Arrival(SchedulerEvent event, long nanos, long wallMillis) {}

  /**
   * One launch. {@code launchNanos}: ACCEPT sent to TASK_RUNNING received. The phases come from the agent's
   * status timestamps (millisecond wall clock, same machine): ACCEPT sent to the agent's TASK_STARTING, the
   * agent's TASK_STARTING to its TASK_RUNNING (sandbox, bundle, conmon, runc create and start), and the agent's
   * TASK_RUNNING to its arrival here (agent to master, commit, master to scheduler). {@code acceptAnsweredNanos}:
   * until the master answered ACCEPT (it answers once the launch is committed to ZooKeeper); {@code
   * emptyCallNanos}: a RECONCILE of no task made after the task ended, a call that commits nothing (the HTTP
   * round trip and the master's loop without a commit).
   */
  record Sample(String taskId, String containerId, long launchNanos, long acceptToStartingMillis,
      long startingToRunningMillis, long runningDeliveryMillis, long acceptAnsweredNanos, long emptyCallNanos) {}

  /** A launch that did not reach TASK_RUNNING because the master dropped it (an offer that had just expired). */
  static final class Dropped extends Exception {
    Dropped(String message) {
      super(message);
    }
  }

  private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
  private final Map<String, Offer> offers = new LinkedHashMap<>();
  private final List<CompletableFuture<Void>> acknowledgements = new ArrayList<>();
  private final SchedulerConnection connection;
  private final String command;
  private final Duration timeout;

  BerthLauncher(String masterUrl, java.nio.file.Path credentials, String command, Duration timeout) {
    this.command = command;
    this.timeout = timeout;
    FrameworkInfo framework = new FrameworkInfo(null, "berth-bench-launch", "root", "*", 0, false, null, null, null,
        List.of());
    JsonHttp http = credentials == null ? new JsonHttp(Duration.ofSeconds(30))
        : io.berth.node.up.AdminLogin.client(masterUrl, io.berth.iam.AdminCredentials.readOrCreate(credentials),
            Duration.ofSeconds(30));
    this.connection = new HttpSchedulerClient(http, masterUrl).subscribe(framework,
        event -> arrivals.add(new Arrival(event, System.nanoTime(), System.currentTimeMillis())));
  }

  /** Launches {@code taskId}, returns its timing once it has ended. */
  Sample launch(String taskId) throws InterruptedException, Dropped {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Offer> using = awaitOffers(deadline);
    using.forEach(o -> offers.remove(o.id()));
    TaskInfo task = new TaskInfo(taskId, taskId, connection.frameworkId(), using.getFirst().agentId(), TASK,
        CommandInfo.shell(command), List.of(), Map.of(), 1.0);
    SchedulerCall accept = new SchedulerCall.Accept(using.stream().map(Offer::id).toList(),
        List.of(new Operation.Launch(List.of(task))), Filters.NONE);

    long acceptWall = System.currentTimeMillis();
    long acceptNanos = System.nanoTime();
    CompletableFuture<Long> accepted = connection.call(accept).thenApply(v -> System.nanoTime());

    TaskStatus starting = null;
    TaskStatus running = null;
    TaskStatus last = null;
    Arrival runningArrival = null;
    while (last == null || !last.state().isTerminal()) {
      Arrival arrival = next(deadline, "the end of task " + taskId);
      if (!(arrival.event() instanceof SchedulerEvent.Update(TaskStatus status)) || !status.taskId().equals(taskId)) {
        handle(arrival);
        continue;
      }
      acknowledge(status);
      last = status;
      if (status.state() == TaskState.TASK_STARTING && starting == null) {
        starting = status;
      } else if (status.state() == TaskState.TASK_RUNNING && running == null) {
        running = status;
        runningArrival = arrival;
      }
    }
    long acceptAnswered = accepted.join() - acceptNanos; // a refused ACCEPT fails here
    awaitAcknowledgements();
    if (running == null) {
      String why = last.state() + " " + last.reason() + ": " + last.message();
      if (last.state() == TaskState.TASK_DROPPED) {
        throw new Dropped(why);
      }
      throw new IllegalStateException("task " + taskId + " never ran: " + why);
    }
    return new Sample(taskId, running.containerId(), runningArrival.nanos() - acceptNanos,
        starting == null ? -1 : starting.timestamp().toEpochMilli() - acceptWall,
        starting == null ? -1 : running.timestamp().toEpochMilli() - starting.timestamp().toEpochMilli(),
        runningArrival.wallMillis() - running.timestamp().toEpochMilli(), acceptAnswered, emptyCallNanos());
  }

  /** One call that commits nothing: RECONCILE of no task (none runs now, so no update comes back). */
  private long emptyCallNanos() {
    long started = System.nanoTime();
    connection.call(new SchedulerCall.Reconcile(List.of())).join();
    return System.nanoTime() - started;
  }

  /** Offers of one agent that together hold a task's resources; handles other events while waiting. */
  private List<Offer> awaitOffers(long deadline) throws InterruptedException {
    Arrival pending;
    while ((pending = arrivals.poll()) != null) { // what came while we were not listening (rescinds included)
      handle(pending);
    }
    while (true) {
      Map<String, List<Offer>> byAgent = new LinkedHashMap<>();
      offers.values().forEach(o -> byAgent.computeIfAbsent(o.agentId(), a -> new ArrayList<>()).add(o));
      for (List<Offer> agentOffers : byAgent.values()) {
        Resources total = agentOffers.stream().map(Offer::resources).reduce(Resources.NONE, Resources::plus);
        if (total.contains(TASK)) {
          return agentOffers;
        }
      }
      handle(next(deadline, "an offer with " + TASK));
    }
  }

  private void handle(Arrival arrival) {
    switch (arrival.event()) {
      case SchedulerEvent.Offers o -> o.offers().forEach(offer -> offers.put(offer.id(), offer));
      case SchedulerEvent.Rescind r -> offers.remove(r.offerId());
      case SchedulerEvent.Update u -> acknowledge(u.status()); // a late or resent update of an earlier task
      case SchedulerEvent.Error e -> throw new IllegalStateException("the master ended the subscription: " + e.message());
      case SchedulerEvent.Subscribed s -> {}
      case SchedulerEvent.Failure f -> {}
      case SchedulerEvent.Heartbeat h -> {}
    }
  }

  private void acknowledge(TaskStatus status) {
    if (status.uuid() != null && status.agentId() != null) {
      acknowledgements.add(connection.call(new SchedulerCall.Acknowledge(status.agentId(), status.taskId(), status.uuid())));
    }
  }

  private void awaitAcknowledgements() {
    acknowledgements.forEach(CompletableFuture::join);
    acknowledgements.clear();
  }

  private Arrival next(long deadline, String what) throws InterruptedException {
    Arrival arrival = arrivals.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    if (arrival == null) {
      throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }
    return arrival;
  }

  /** Tears the framework down (the master forgets it and kills what still runs) and closes the stream. */
  @Override
  public void close() {
    try {
      connection.call(new SchedulerCall.Teardown()).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("launch: TEARDOWN failed: " + e);
    } finally {
      connection.close();
    }
  }
}

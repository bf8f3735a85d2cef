package io.berth.marathon;

import io.berth.common.id.IdGenerator;
import io.berth.framework.SchedulerEndpoint;
import io.berth.http.Routes;
import io.berth.marathon.api.ApiContext;
import io.berth.marathon.api.MarathonApi;
import io.berth.marathon.events.EventBus;
import io.berth.marathon.scheduler.MarathonScheduler;
import io.berth.state.StatePublisher;
import io.berth.state.StateWriter;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Marathon on Berth, wired: the scheduler (a framework on the scheduler contract), the event bus and the
 * {@code /v2} API. The node starts it at the beginning of each leader term with that term's scheduler endpoint
 * and state writer ({@link #start}) and stops it when the term ends; the API is served on every master.
 */
public final class MarathonService implements AutoCloseable {
  private final MarathonScheduler scheduler;
  private final EventBus events;
  private final MarathonApi api;
  private volatile StateWriter writer;
  private volatile Runnable abdicate;

  public MarathonService(MarathonConfig config, StatePublisher publisher, InstantSource clock, IdGenerator ids,
      Supplier<Optional<String>> leaderUrl) {
    this.events = new EventBus(clock);
    this.scheduler = new MarathonScheduler(publisher, clock, ids, events);
    this.api = new MarathonApi(new ApiContext(config, publisher, scheduler, events, clock, ids,
        () -> Optional.ofNullable(writer), leaderUrl, () -> Optional.ofNullable(abdicate)));
  }

  /** How this master gives up leadership, for {@code DELETE /v2/leader}; without it that answers 503. */
  public MarathonService abdicateWith(Runnable abdication) {
    this.abdicate = abdication;
    return this;
  }

  /** A term begins on this master. */
  public void start(SchedulerEndpoint endpoint, StateWriter stateWriter) {
    this.writer = stateWriter;
    scheduler.start(endpoint, stateWriter);
  }

  /** The term ended. */
  public void stop() {
    this.writer = null;
    scheduler.stop();
  }

  public Routes routes() {
    return api.routes();
  }

  public EventBus events() {
    return events;
  }

  public MarathonScheduler scheduler() {
    return scheduler;
  }

  @Override
  public void close() {
    stop();
    scheduler.close();
  }
}

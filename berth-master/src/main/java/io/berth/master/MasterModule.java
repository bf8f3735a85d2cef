package io.berth.master;

import io.berth.client.AgentClient;
import io.berth.client.JsonHttp;
import io.berth.common.id.IdGenerator;
import io.berth.common.time.Ticker;
import io.berth.http.HttpServer;
import io.berth.http.Routes;
import io.berth.master.api.InternalApi;
import io.berth.master.api.OperatorApi;
import io.berth.master.api.SchedulerHttpApi;
import io.berth.state.StatePublisher;
import io.berth.state.election.LeaderElection;
import io.berth.state.store.StateStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A master: its HTTP APIs, its part in the leader election, and, while it leads, a {@link LeaderTerm} and the
 * {@link LeaderService}s. Wiring only; the behaviour lives in the parts.
 */
public final class MasterModule implements Leadership, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MasterModule.class);

  private final MasterConfig config;
  private final StateStore store;
  private final LeaderElection election;
  private final InstantSource clock;
  private final Ticker ticker;
  private final IdGenerator ids;
  private final StatePublisher publisher = new StatePublisher();
  private final AgentClient agentClient;
  private final List<LeaderService> services = new CopyOnWriteArrayList<>();
  private final List<Function<Leadership, Routes>> extraRoutes = new ArrayList<>();
  private volatile LeaderTerm term;
  /** Follows the state log while this master does not lead; null while it leads or after close. */
  private StateFollower follower;
  private boolean closing;
  private HttpServer server;
  private volatile io.berth.http.RequestFilter requestFilter = io.berth.http.RequestFilter.NONE;
  private volatile java.util.function.Supplier<String> agentToken = () -> null;

  public MasterModule(MasterConfig config, StateStore store, LeaderElection election, InstantSource clock, Ticker ticker,
      IdGenerator ids) {
    this.config = config;
    this.store = store;
    this.election = election;
    this.clock = clock;
    this.ticker = ticker;
    this.ids = ids;
    this.agentClient = new AgentClient(new JsonHttp(new io.berth.http.AuthorizedHttpClient(java.net.http.HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10)).version(java.net.http.HttpClient.Version.HTTP_1_1)
        .executor(Runnable::run).build(), // answers handled on the selector thread: one thread hand-off less per launch
        () -> agentToken.get()), Duration.ofSeconds(10)));
  }

  /** Adds a component that runs while this master leads. Call before {@link #start()}. */
  public MasterModule withLeaderService(LeaderService service) {
    services.add(service);
    return this;
  }

  /** Adds HTTP routes served by this master (APIs of leader services). Call before {@link #start()}. */
  public MasterModule withRoutes(Function<Leadership, Routes> routes) {
    extraRoutes.add(routes);
    return this;
  }

  /**
   * Internal authentication: every request to the master API first passes {@code filter}, and the master's calls to
   * agents carry {@code token} (none while it gives null). Call before {@link #start()}.
   */
  public MasterModule withInternalAuth(io.berth.http.RequestFilter filter, java.util.function.Supplier<String> token) {
    this.requestFilter = filter;
    this.agentToken = token;
    return this;
  }

  public void start() {
    List<Routes> routes = new ArrayList<>();
    routes.add(new InternalApi(this).routes());
    routes.add(new SchedulerHttpApi(this, ids).routes());
    routes.add(new OperatorApi(this, clock.instant()).routes());
    extraRoutes.forEach(r -> routes.add(r.apply(this)));
    server = HttpServer.start(config.ip(), config.port(), routes, requestFilter);
    log.info("master API on {}", server.url());
    synchronized (this) {
      follower = new StateFollower(store, publisher);
    }
    election.start(new LeaderElection.Listener() {
      @Override
      public void elected() {
        becomeLeader();
      }

      @Override
      public void revoked() {
        stopLeading("leadership revoked");
      }
    });
  }

  private synchronized void becomeLeader() {
    if (term != null) {
      return;
    }
    log.info("elected leader at {}", config.url());
    stopFollowing();
    try {
      term = new LeaderTerm(config, store, publisher, clock, ticker, ids, agentClient,
          () -> Thread.ofVirtual().start(this::restartTerm));
    } catch (RuntimeException e) {
      log.error("cannot start leading: loading the state failed", e);
      follower = new StateFollower(store, publisher);
      return;
    }
    LeaderTerm current = term;
    LeaderContext context = new LeaderContext(new InProcessSchedulerEndpoint(current, ids), current::write, publisher);
    for (LeaderService service : services) {
      Thread.ofVirtual().name("leader-service").start(() -> {
        try {
          service.start(context);
        } catch (RuntimeException e) {
          log.error("leader service {} failed to start", service, e);
        }
      });
    }
  }

  /** The store failed under the current term: drop it, and start a fresh one from the store if still elected. */
  private synchronized void restartTerm() {
    stopLeading("the state store failed");
    if (election.isLeader()) {
      becomeLeader();
    }
  }

  private synchronized void stopLeading(String why) {
    if (term == null) {
      return;
    }
    log.warn("stopping to lead: {}", why);
    services.forEach(s -> {
      try {
        s.stop();
      } catch (RuntimeException e) {
        log.warn("leader service {} failed to stop", s, e);
      }
    });
    term.close();
    term = null;
    if (!closing) {
      follower = new StateFollower(store, publisher);
    }
  }

  private synchronized void stopFollowing() {
    if (follower != null) {
      follower.close();
      follower = null;
    }
  }

  @Override
  public Optional<LeaderTerm> term() {
    return Optional.ofNullable(term);
  }

  @Override
  public Optional<String> leaderUrl() {
    if (term != null) {
      return Optional.of(config.url());
    }
    // Elected but between terms (starting, or restarting after a store failure): there is no leader to send
    // anyone to yet, not even ourselves.
    return election.leader().filter(url -> !url.equals(config.url()));
  }

  @Override
  public MasterConfig config() {
    return config;
  }

  /** Gives up leadership (the term ends) and joins the election again; see {@link LeaderElection#abdicate()}. */
  public void abdicate() {
    election.abdicate();
  }

  public StatePublisher publisher() {
    return publisher;
  }

  public String url() {
    return server == null ? config.url() : server.url();
  }

  public boolean isLeader() {
    return term != null;
  }

  @Override
  public void close() {
    synchronized (this) {
      closing = true;
    }
    stopLeading("shutting down");
    stopFollowing();
    election.close();
    if (server != null) {
      server.close();
    }
  }
}

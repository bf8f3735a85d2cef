package io.berth.agent;

import io.berth.common.time.SystemTime;
import io.berth.agent.api.AgentApi;
import io.berth.agent.api.AgentStateJson;
import io.berth.agent.api.FilesApi;
import io.berth.agent.api.MesosAgentState;
import io.berth.agent.checkpoint.Checkpoint;
import io.berth.agent.master.MasterLink;
import io.berth.agent.master.StatusUpdateSender;
import io.berth.agent.runtime.ContainerRuntime;
import io.berth.agent.task.Sandboxes;
import io.berth.agent.task.TaskEnvironment;
import io.berth.agent.task.TaskRunner;
import io.berth.api.cluster.AgentInfo;
import io.berth.api.cluster.TaskStatus;
import io.berth.client.JsonHttp;
import io.berth.client.MasterClient;
import io.berth.common.id.IdGenerator;
import io.berth.http.HttpServer;
import io.berth.state.election.LeaderDetector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent, wired: checkpoint, sandboxes, task runner, status update sender, master link and the agent API on
 * one event loop. {@link #start()} recovers the checkpointed tasks, opens the API and registers with the leading
 * master; {@link #close()} stops the agent but leaves the containers running (a new agent on the same work dir
 * re-attaches to them). The {@link ContainerRuntime} and the {@link LeaderDetector} belong to the caller, who
 * closes them.
 */
public final class AgentModule implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AgentModule.class);
  /** Berth's version, as the agent reports it to the master. */
  public static final String VERSION = "0.1.0";

  private final AgentConfig config;
  private final InstantSource clock;
  private final EventLoop loop;
  private final Checkpoint checkpoint;
  private final Sandboxes sandboxes;
  private final StatusUpdateSender sender;
  private final TaskRunner runner;
  private final MasterLink link;
  private final AgentApi api;
  private final HttpClient masterHttp;
  private volatile HttpServer server;
  private volatile Instant startTime;
  private volatile io.berth.http.RequestFilter requestFilter = io.berth.http.RequestFilter.NONE;
  private volatile java.util.function.Supplier<String> masterToken = () -> null;
  private final List<io.berth.http.Routes> extraRoutes = new java.util.concurrent.CopyOnWriteArrayList<>();

  public AgentModule(AgentConfig config, ContainerRuntime runtime, LeaderDetector leaders, InstantSource clock,
      IdGenerator ids) {
    this.config = config;
    this.clock = clock;
    this.loop = new EventLoop("berth-agent");
    this.checkpoint = Checkpoint.open(config.checkpointDir());
    this.sandboxes = new Sandboxes(config.sandboxesDir());
    this.sender = new StatusUpdateSender(loop, checkpoint.updates(), config.registrationBackoff(),
        this::acknowledged);
    this.runner = new TaskRunner(loop, runtime, checkpoint, sandboxes,
        new TaskEnvironment(config.ip(), TaskEnvironment.isolatesFilesystem(runtime.name())), sender,
        clock, ids, config.defaultKillGracePeriod(), config.hostname());
    // the answer is handled on the client's selector thread (no hand-off to its default executor's threads):
    // every call to the master is short and blocks only its caller (status updates are on the launch path)
    this.masterHttp = HttpClient.newBuilder().connectTimeout(config.masterRequestTimeout())
        .version(HttpClient.Version.HTTP_1_1).executor(Runnable::run).build();
    JsonHttp http = new JsonHttp(new io.berth.http.AuthorizedHttpClient(masterHttp, () -> masterToken.get()),
        config.masterRequestTimeout());
    this.link = new MasterLink(loop, leaders, url -> new MasterClient(http, url), this::agentInfo, checkpoint,
        runner, sender, config.registrationBackoff(), config.heartbeatInterval());
    this.api = new AgentApi(loop, runner, this::state, new FilesApi(config.sandboxesDir()),
        () -> config.resources().ports());
  }

  /**
   * Internal authentication: every request to the agent API first passes {@code filter}, and the agent's calls to
   * the master carry {@code token} (its service account's; none while it gives null). Call before {@link #start()}.
   */
  public AgentModule withInternalAuth(io.berth.http.RequestFilter filter, java.util.function.Supplier<String> token) {
    this.requestFilter = filter;
    this.masterToken = token;
    return this;
  }

  /** Adds HTTP routes served by the agent's server after its own (e.g. the node's logs API). Call before {@link #start()}. */
  public AgentModule withRoutes(io.berth.http.Routes routes) {
    extraRoutes.add(routes);
    return this;
  }

  /** Recovers the checkpointed tasks, starts the agent API, then registers with the leading master. */
  public synchronized void start() {
    if (server != null) {
      throw new IllegalStateException("the agent is already started");
    }
    try {
      Files.createDirectories(sandboxes.root());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + sandboxes.root(), e);
    }
    startTime = clock.instant();
    loop.call(() -> {
      runner.recover();
      return null;
    });
    server = HttpServer.start(config.ip(), config.port(),
        java.util.stream.Stream.concat(java.util.stream.Stream.of(api.routes()), extraRoutes.stream()).toList(), requestFilter);
    log.info("agent API on {} (work dir {})", server.url(), config.workDir());
    link.start();
  }

  /** The agent API's base URL, e.g. {@code http://127.0.0.1:5051}. */
  public String url() {
    return server().url();
  }

  /** The id the master gave this agent, or null before the first registration. */
  public String agentId() {
    return checkpoint.agentId();
  }

  /** True while the agent is registered with a master. */
  public boolean registered() {
    return link.registered();
  }

  /**
   * Kills every task (SIGTERM, then SIGKILL after each task's grace period) and waits up to {@code timeout} for
   * them to end, then briefly (at most 5 s of what is left) for the master to acknowledge their final updates.
   * For nodes that must not leave tasks behind when they stop ({@code killTasksOnShutdown}, {@code berth up}).
   */
  public void stopAllTasks(Duration timeout) {
    long deadline = SystemTime.ticker().nanos() + timeout.toNanos();
    try {
      loop.call(runner::killAll).get(Math.max(0, deadline - SystemTime.ticker().nanos()), TimeUnit.NANOSECONDS);
      long flush = Math.min(Duration.ofSeconds(5).toNanos(), Math.max(0, deadline - SystemTime.ticker().nanos()));
      loop.call(sender::whenAllDelivered).get(flush, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      log.warn("not every task ended, or not every final status was delivered, within {}", timeout);
    } catch (ExecutionException e) {
      log.warn("stopping the tasks failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How many status updates wait for the master's acknowledgement. */
  public int pendingUpdates() {
    return loop.call(sender::pendingCount);
  }

  public AgentConfig config() {
    return config;
  }

  /** What the agent tells the master about itself. */
  public AgentInfo agentInfo() {
    return new AgentInfo(checkpoint.agentId(), config.hostname(), config.ip(), server().port(), config.resources(),
        config.attributes(), config.domain(), VERSION);
  }

  /** The agent's state in Mesos' shape (the body of {@code GET /state}). */
  public MesosAgentState state() {
    TaskRunner.Snapshot snapshot = loop.call(runner::snapshot);
    return AgentStateJson.render(agentInfo(), link.masterUrl(), startTime, snapshot, sandboxes);
  }

  private void acknowledged(List<TaskStatus> updates) {
    runner.updatesAcknowledged(updates);
  }

  private HttpServer server() {
    HttpServer s = server;
    if (s == null) {
      throw new IllegalStateException("the agent is not started");
    }
    return s;
  }

  /** Stops the agent: no more registration, API or timers. Containers keep running. */
  @Override
  public synchronized void close() {
    link.close();
    HttpServer s = server;
    if (s != null) {
      s.close();
    }
    loop.close();
    masterHttp.shutdownNow();
  }
}

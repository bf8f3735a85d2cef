package io.berth.agent.master;

import io.berth.agent.Backoff;
import io.berth.agent.EventLoop;
import io.berth.agent.checkpoint.Checkpoint;
import io.berth.agent.task.TaskRunner;
import io.berth.api.agent.AgentRegistration;
import io.berth.api.agent.RegisterAgent;
import io.berth.api.cluster.AgentInfo;
import io.berth.client.ApiException;
import io.berth.client.MasterClient;
import io.berth.state.election.LeaderDetector;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's connection to the leading master. Finds the leader through the {@link LeaderDetector} and follows
 * its changes; registers (with the checkpointed id, or none the first time, and the tasks the agent knows) and
 * persists the id the master gives; sends heartbeats at the interval the master asks for. A heartbeat answered
 * 404 → register again with the same id; registration answered 409 (the agent was removed from the cluster) →
 * kill and forget every task, forget the id, register as a new agent; connection errors and 503 → retry with
 * backoff. Runs on the agent's event loop; requests run on virtual threads.
 */
public final class MasterLink {
  private static final Logger log = LoggerFactory.getLogger(MasterLink.class);

  private final EventLoop loop;
  private final LeaderDetector leaders;
  private final Function<String, MasterClient> clients;
  private final Supplier<AgentInfo> agentInfo;
  private final Checkpoint checkpoint;
  private final TaskRunner tasks;
  private final StatusUpdateSender sender;
  private final Backoff backoff;
  private final Duration defaultHeartbeat;

  private String leader;
  private long session;
  private int failures;
  private ScheduledFuture<?> timer;
  private volatile boolean registered;
  private volatile String registeredWith;
  private boolean closed;

  public MasterLink(EventLoop loop, LeaderDetector leaders, Function<String, MasterClient> clients,
      Supplier<AgentInfo> agentInfo, Checkpoint checkpoint, TaskRunner tasks, StatusUpdateSender sender,
      Backoff backoff, Duration defaultHeartbeat) {
    this.loop = loop;
    this.leaders = leaders;
    this.clients = clients;
    this.agentInfo = agentInfo;
    this.checkpoint = checkpoint;
    this.tasks = tasks;
    this.sender = sender;
    this.backoff = backoff;
    this.defaultHeartbeat = defaultHeartbeat;
  }

  /** Starts following the leader and registering. */
  public void start() {
    leaders.onChange(l -> loop.execute(() -> leaderChanged(l)));
    loop.execute(() -> leaderChanged(leaders.leader()));
  }

  /** True while the agent is registered with a master. */
  public boolean registered() {
    return registered;
  }

  /** The URL of the master the agent is registered with, or null. */
  public String masterUrl() {
    return registeredWith;
  }

  public void close() {
    loop.execute(() -> {
      closed = true;
      newSession();
    });
  }

  private void leaderChanged(Optional<String> newLeader) {
    String url = newLeader.map(MasterLink::normalise).orElse(null);
    if (closed || (url != null && url.equals(leader))) {
      return; // same leader: a registration, a retry or heartbeats are already under way
    }
    log.info("leading master: {}", url == null ? "none" : url);
    leader = url;
    failures = 0;
    newSession();
    if (leader != null) {
      register();
    }
  }

  /** Ends the current session: stale answers are ignored from now on. */
  private void newSession() {
    session++;
    EventLoop.cancel(timer);
    timer = null;
    registered = false;
    registeredWith = null;
    sender.disconnected();
  }

  private void register() {
    if (closed || leader == null) {
      return;
    }
    long mySession = session;
    MasterClient client = clients.apply(leader);
    RegisterAgent request = new RegisterAgent(agentInfo.get().withId(checkpoint.agentId()), tasks.known());
    loop.io("register", () -> {
      try {
        AgentRegistration answer = client.register(request);
        loop.execute(() -> registeredAs(mySession, client, answer));
      } catch (RuntimeException e) {
        loop.execute(() -> registrationFailed(mySession, e));
      }
    });
  }

  private void registeredAs(long mySession, MasterClient client, AgentRegistration answer) {
    if (mySession != session) {
      return;
    }
    if (answer == null || answer.agentId() == null || answer.agentId().isBlank()) {
      registrationFailed(mySession, new IllegalStateException("the master answered without an agent id"));
      return;
    }
    String previous = checkpoint.agentId();
    if (!answer.agentId().equals(previous)) {
      checkpoint.saveAgentId(answer.agentId());
    }
    log.info("registered with {} as agent {}{}", client.baseUrl(), answer.agentId(),
        previous == null ? " (new)" : "");
    failures = 0;
    registered = true;
    registeredWith = client.baseUrl();
    long heartbeatMillis = answer.heartbeatIntervalMillis() > 0 ? answer.heartbeatIntervalMillis()
        : defaultHeartbeat.toMillis();
    sender.connected(client, answer.agentId(), () -> reregister(Duration.ZERO));
    scheduleHeartbeat(client, answer.agentId(), Duration.ofMillis(heartbeatMillis));
  }

  private void registrationFailed(long mySession, RuntimeException error) {
    if (mySession != session) {
      return;
    }
    if (error instanceof ApiException api && api.status() == 409) {
      boolean hadId = checkpoint.agentId() != null;
      log.warn("the master removed agent {} from the cluster: killing its tasks and registering as a new agent",
          checkpoint.agentId());
      tasks.forgetAll();
      checkpoint.clearAgentId();
      reregister(hadId ? Duration.ZERO : backoff.delay(failures++));
      return;
    }
    Duration delay = backoff.delay(failures++);
    log.info("registration with {} failed ({}); retrying in {} ms", leader, error.getMessage(), delay.toMillis());
    leaders.leader().map(MasterLink::normalise).ifPresent(l -> leader = l); // follow a change we were not told of
    reregister(delay);
  }

  private void reregister(Duration delay) {
    newSession();
    long mySession = session;
    timer = loop.schedule(delay, () -> {
      if (mySession == session) {
        register();
      }
    });
  }

  private void scheduleHeartbeat(MasterClient client, String agentId, Duration interval) {
    long mySession = session;
    timer = loop.schedule(interval, () -> {
      if (mySession != session) {
        return;
      }
      loop.io("heartbeat", () -> {
        try {
          client.heartbeat(agentId);
          loop.execute(() -> {
            if (mySession == session) {
              scheduleHeartbeat(client, agentId, interval);
            }
          });
        } catch (RuntimeException e) {
          loop.execute(() -> heartbeatFailed(mySession, e));
        }
      });
    });
  }

  private void heartbeatFailed(long mySession, RuntimeException error) {
    if (mySession != session) {
      return;
    }
    if (error instanceof ApiException api && (api.status() == 404 || api.status() == 409)) {
      log.info("the master does not know agent {} ({}); registering again", checkpoint.agentId(), api.status());
      reregister(Duration.ZERO);
    } else {
      log.info("heartbeat to {} failed ({}); registering again", leader, error.getMessage());
      reregister(backoff.delay(failures++));
    }
  }

  /** {@code host:port} or {@code http://host:port/} becomes {@code http://host:port}. */
  static String normalise(String url) {
    String u = url.strip();
    if (!u.contains("://")) {
      u = "http://" + u;
    }
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }
}

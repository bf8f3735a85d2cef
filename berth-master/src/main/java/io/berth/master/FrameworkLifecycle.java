package io.berth.master;

import io.berth.api.cluster.FrameworkInfo;
import io.berth.common.error.BerthException;
import io.berth.framework.SchedulerEvent;
import io.berth.state.image.ClusterImage;
import io.berth.state.image.Framework;
import io.berth.state.record.FrameworkRecord;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Frameworks subscribing, failing over, disconnecting, and going away after their failover timeout. */
final class FrameworkLifecycle {
  private static final Logger log = LoggerFactory.getLogger(FrameworkLifecycle.class);

  private final Term term;
  private final TaskLifecycle tasks;
  private final Runnable requestAllocation;

  FrameworkLifecycle(Term term, TaskLifecycle tasks, Runnable requestAllocation) {
    this.term = term;
    this.tasks = tasks;
    this.requestAllocation = requestAllocation;
  }

  /** A new leader: every framework of the state is away until it subscribes again. */
  void startTerm(ClusterImage image) {
    image.frameworks().keySet().forEach(id -> term.sessions().markAway(id, term.now()));
  }

  /** Subscribes a scheduler; returns its framework id. The SUBSCRIBED event follows the commit. */
  String subscribe(FrameworkInfo requested, String streamId, Consumer<SchedulerEvent> sink) {
    if (requested == null || blank(requested.name()) || blank(requested.user())) {
      throw BerthException.badRequest("A framework needs a 'name' and a 'user'");
    }
    if (requested.failoverTimeoutSeconds() < 0 || Double.isNaN(requested.failoverTimeoutSeconds())) {
      throw BerthException.invalid("'failover_timeout' must not be negative");
    }
    ClusterImage image = term.loop().image();
    String id = requested.id();
    if (id != null && image.completedFrameworks().stream().anyMatch(f -> f.id().equals(id))) {
      throw BerthException.forbidden("Framework " + id + " has been removed; subscribe without an id");
    }
    FrameworkInfo info = id == null ? requested.withId(term.ids().next() + "-0000") : requested;
    term.loop().record(new FrameworkRecord.Registered(info, term.clock().instant()));
    FrameworkSessions.Session session = new FrameworkSessions.Session(info, streamId, sink);
    term.loop().afterCommit(() -> {
      term.sessions().connect(session).ifPresent(old -> {
        log.info("framework {} failed over to a new connection", info.id());
        old.sink().accept(new SchedulerEvent.Error("Framework failed over"));
      });
      sink.accept(new SchedulerEvent.Subscribed(info.id(), term.config().frameworkHeartbeatInterval().toMillis() / 1000.0,
          term.config().url()));
      tasks.resendUnacknowledged(info.id());
      requestAllocation.run();
    });
    log.info("framework {} ({}) subscribed", info.id(), info.name());
    return info.id();
  }

  void disconnect(String frameworkId, String streamId) {
    if (term.sessions().disconnect(frameworkId, streamId, term.now())) {
      log.info("framework {} disconnected", frameworkId);
      term.offers().removeIf(o -> o.frameworkId().equals(frameworkId));
    }
  }

  void teardown(String frameworkId) {
    remove(frameworkId, "it tore itself down");
  }

  /** Removes frameworks away for longer than their failover timeout. */
  void checkFailoverTimeouts() {
    for (Map.Entry<String, Long> away : term.sessions().away().entrySet()) {
      Framework framework = term.loop().image().framework(away.getKey()).orElse(null);
      if (framework == null) {
        term.sessions().forget(away.getKey());
        continue;
      }
      long timeout = (long) (framework.info().failoverTimeoutSeconds() * 1e9);
      if (term.now() - away.getValue() >= timeout) {
        remove(framework.id(), "it stayed away longer than its failover timeout of "
            + framework.info().failoverTimeoutSeconds() + " s");
      }
    }
  }

  private void remove(String frameworkId, String why) {
    if (term.loop().image().framework(frameworkId).isEmpty()) {
      throw BerthException.notFound("Unknown framework " + frameworkId);
    }
    log.info("removing framework {}: {}", frameworkId, why);
    tasks.killAll(frameworkId);
    term.loop().record(new FrameworkRecord.Removed(frameworkId, term.clock().instant()));
    term.offers().forget(frameworkId);
    term.sessions().session(frameworkId).ifPresent(s ->
        term.loop().afterCommit(() -> s.sink().accept(new SchedulerEvent.Error("Framework removed: " + why))));
    term.sessions().forget(frameworkId);
    requestAllocation.run();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

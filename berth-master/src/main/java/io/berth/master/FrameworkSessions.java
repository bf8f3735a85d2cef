package io.berth.master;

import io.berth.api.cluster.FrameworkInfo;
import io.berth.framework.SchedulerEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedulers connected to the leading master, and since when the others are away (for their failover
 * timeout). Loop thread only.
 */
final class FrameworkSessions {
  private static final Logger log = LoggerFactory.getLogger(FrameworkSessions.class);

  record Session(FrameworkInfo info, String streamId, Consumer<SchedulerEvent> sink) {
    String frameworkId() {
      return info.id();
    }
  }

  private final Map<String, Session> connected = new HashMap<>();
  private final Map<String, Long> awaySinceNanos = new HashMap<>();

  /** Connects a session; returns the one it replaces (a scheduler that failed over). */
  Optional<Session> connect(Session session) {
    awaySinceNanos.remove(session.frameworkId());
    return Optional.ofNullable(connected.put(session.frameworkId(), session));
  }

  /** Disconnects the session with this stream id (a newer session of the same framework stays). */
  boolean disconnect(String frameworkId, String streamId, long nowNanos) {
    Session s = connected.get(frameworkId);
    if (s == null || !s.streamId().equals(streamId)) {
      return false;
    }
    connected.remove(frameworkId);
    awaySinceNanos.put(frameworkId, nowNanos);
    return true;
  }

  void markAway(String frameworkId, long sinceNanos) {
    if (!connected.containsKey(frameworkId)) {
      awaySinceNanos.putIfAbsent(frameworkId, sinceNanos);
    }
  }

  void forget(String frameworkId) {
    connected.remove(frameworkId);
    awaySinceNanos.remove(frameworkId);
  }

  Optional<Session> session(String frameworkId) {
    return Optional.ofNullable(connected.get(frameworkId));
  }

  boolean isConnected(String frameworkId) {
    return connected.containsKey(frameworkId);
  }

  Map<String, Session> connected() {
    return Map.copyOf(connected);
  }

  Map<String, Long> away() {
    return Map.copyOf(awaySinceNanos);
  }

  /** Sends an event to a connected scheduler; a sink that fails is disconnected. */
  void send(String frameworkId, SchedulerEvent event, long nowNanos) {
    Session s = connected.get(frameworkId);
    if (s == null) {
      return;
    }
    try {
      s.sink().accept(event);
    } catch (RuntimeException e) {
      log.warn("scheduler {} cannot take events ({}); disconnecting it", frameworkId, e.toString());
      disconnect(frameworkId, s.streamId(), nowNanos);
    }
  }

  void broadcast(SchedulerEvent event, long nowNanos) {
    for (String id : Map.copyOf(connected).keySet()) {
      send(id, event, nowNanos);
    }
  }
}

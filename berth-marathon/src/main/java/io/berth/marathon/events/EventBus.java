package io.berth.marathon.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Fans Marathon's events out to the event streams. Each subscriber has a bounded queue; a subscriber that falls
 * more than {@link #QUEUE} events behind loses the overflow (Marathon drops events for slow consumers too).
 */
public final class EventBus {
  public static final int QUEUE = 10_000;
  private final InstantSource clock;
  private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Consumer<MarathonEvent>> listeners = new CopyOnWriteArrayList<>();

  public EventBus(InstantSource clock) {
    this.clock = clock;
  }

  /** A stream's queue of events, filtered by type (empty filter: all). */
  public static final class Subscriber {
    private final Set<String> types;
    private final BlockingQueue<MarathonEvent> queue = new ArrayBlockingQueue<>(QUEUE);

    Subscriber(Set<String> types) {
      this.types = types;
    }

    public BlockingQueue<MarathonEvent> queue() {
      return queue;
    }

    void offer(MarathonEvent e) {
      if (types.isEmpty() || types.contains(e.eventType())) {
        queue.offer(e);
      }
    }
  }

  /** A new payload of {@code type} with {@code eventType} and {@code timestamp} set. */
  public ObjectNode payload(String type) {
    return JsonNodeFactory.instance.objectNode().put("eventType", type)
        .put("timestamp", Timestamps.format(clock.instant()));
  }

  public void publish(ObjectNode payload) {
    MarathonEvent e = new MarathonEvent(payload.path("eventType").asText(), payload);
    subscribers.forEach(s -> s.offer(e));
    listeners.forEach(l -> l.accept(e));
  }

  public Subscriber subscribe(Set<String> types) {
    Subscriber s = new Subscriber(Set.copyOf(types));
    subscribers.add(s);
    return s;
  }

  public void unsubscribe(Subscriber s) {
    subscribers.remove(s);
  }

  /** An in-process listener (tests, metrics); runs on the publishing thread and must not block. */
  public void listen(Consumer<MarathonEvent> listener) {
    listeners.add(listener);
  }

  public int streams() {
    return subscribers.size();
  }
}

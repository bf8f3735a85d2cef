package io.berth.state;

import io.berth.common.time.SystemTime;
import io.berth.state.image.ClusterImage;
import io.berth.state.record.ChangeRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the current {@link ClusterImage} and every {@link ClusterDelta} to readers (operator API, DNS, gateway,
 * UI streams). Readers never poll the store. Listeners run on the publishing thread, so they must be quick and
 * must not block; a listener that throws is logged and kept.
 */
public final class StatePublisher {
  private static final Logger log = LoggerFactory.getLogger(StatePublisher.class);

  private static final long SLOW_LISTENER_MICROS = 2_000;
  private final List<Consumer<ClusterDelta>> listeners = new CopyOnWriteArrayList<>();
  private volatile ClusterImage current = ClusterImage.EMPTY;

  public ClusterImage current() {
    return current;
  }

  public void subscribe(Consumer<ClusterDelta> listener) {
    listeners.add(listener);
  }

  public void unsubscribe(Consumer<ClusterDelta> listener) {
    listeners.remove(listener);
  }

  /** Publishes {@code next}, which must be the image after {@code records}. */
  public void publish(ClusterImage next, List<ChangeRecord> records) {
    ClusterDelta delta = new ClusterDelta(current, next, records);
    current = next;
    for (Consumer<ClusterDelta> listener : listeners) {
      long start = SystemTime.ticker().nanos();
      try {
        listener.accept(delta);
      } catch (RuntimeException e) {
        log.error("state listener {} failed", listener, e);
      }
      long tookMicros = (SystemTime.ticker().nanos() - start) / 1000;
      if (tookMicros > SLOW_LISTENER_MICROS) {
        log.warn("state listener {} took {} µs for {} records: listeners run on the master's loop and must be quick",
            listener, tookMicros, records.size());
      }
    }
  }
}

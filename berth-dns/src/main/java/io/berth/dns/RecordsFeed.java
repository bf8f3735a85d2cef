package io.berth.dns;

import io.berth.dns.records.MasterAddresses;
import io.berth.dns.records.RecordGenerator;
import io.berth.dns.records.RecordSet;
import io.berth.state.ClusterDelta;
import io.berth.state.StatePublisher;
import io.berth.state.record.ChangeRecord;
import io.berth.state.record.TaskRecord;
import java.time.InstantSource;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the current {@link RecordSet} fresh, driven by the {@link StatePublisher}'s deltas (never by polling): a delta
 * that can change a name (agents, frameworks, task launches and status changes; not acknowledgements or service
 * records) wakes one generator thread, which builds the record set of the newest image. Bursts of deltas coalesce
 * into one generation, so a name appears or disappears within one generation time of its commit. {@link #refresh()}
 * also regenerates (leader changes).
 */
public final class RecordsFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RecordsFeed.class);

  private final RecordGenerator generator;
  private final StatePublisher publisher;
  private final Supplier<MasterAddresses> masters;
  private final InstantSource clock;
  private final Semaphore wake = new Semaphore(0);
  private final Consumer<ClusterDelta> listener = this::onDelta;
  private final Thread thread;
  private volatile RecordSet current = RecordSet.EMPTY;
  private volatile boolean closed;

  public RecordsFeed(RecordGenerator generator, StatePublisher publisher, Supplier<MasterAddresses> masters,
      InstantSource clock) {
    this.generator = generator;
    this.publisher = publisher;
    this.masters = masters;
    this.clock = clock;
    this.current = generate();
    publisher.subscribe(listener);
    this.thread = Thread.ofPlatform().daemon().name("dns-records").start(this::run);
  }

  public RecordSet current() {
    return current;
  }

  /** Regenerate soon, e.g. because the leader changed. */
  public void refresh() {
    wake.release();
  }

  private void onDelta(ClusterDelta delta) {
    // an empty delta is a new image without records (a new leader term loaded the state): regenerate too
    if (delta.records().isEmpty() || delta.records().stream().anyMatch(RecordsFeed::changesNames)) {
      wake.release();
    }
  }

  static boolean changesNames(ChangeRecord record) {
    // not a switch: service records (Marathon, Metronome, IAM, ...) never change names, whatever types they add
    return record instanceof io.berth.state.record.AgentRecord || record instanceof io.berth.state.record.FrameworkRecord
        || (record instanceof TaskRecord t && !(t instanceof TaskRecord.StatusAcknowledged));
  }

  private void run() {
    while (!closed) {
      try {
        wake.acquire();
        wake.drainPermits(); // everything up to now is in the image we are about to read
      } catch (InterruptedException e) {
        return;
      }
      if (closed) {
        return;
      }
      try {
        current = generate();
      } catch (RuntimeException e) {
        log.error("generating DNS records failed; serving the previous records", e);
      }
    }
  }

  private RecordSet generate() {
    return generator.generate(publisher.current(), masters.get(), clock.instant().getEpochSecond());
  }

  @Override
  public void close() {
    closed = true;
    publisher.unsubscribe(listener);
    thread.interrupt();
  }
}

package io.berth.gateway;

import io.berth.http.AccessLog;
import io.berth.http.RequestHead;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's access log: one line per request ({@code <time> <client> <method> <path?query> <status>
 * <duration>ms <request id>}) on the logger {@code berth.gateway.access}, so it lands in the node's journal with the
 * gateway's other lines. Requests only queue their entry; one writer thread formats them every
 * {@link #FLUSH_EVERY} and logs the lines of that turn together, as one log event of up to {@link #BATCH_CHARS}
 * characters, as nginx buffers its access log: one event and one write per line cost ~2 µs of a forwarded
 * request's ~17 (bench/gateway). At most {@link #MAX_PENDING} entries wait; beyond that entries are dropped and the
 * count is logged.
 */
public final class AccessLogger implements AccessLog, AutoCloseable {
  static final int MAX_PENDING = 65_536;
  static final Duration FLUSH_EVERY = Duration.ofMillis(50);
  static final int BATCH_CHARS = 64 * 1024;
  private static final Logger log = LoggerFactory.getLogger("berth.gateway.access");

  /** What a line needs, without the request's head (its headers would stay alive, and be copied by the GC). */
  private record Entry(long epochMillis, String client, String method, String target, String requestId, int status,
      long durationNanos) {}

  private final InstantSource clock;
  private final Duration flushEvery;
  private long stampedMillis = Long.MIN_VALUE;
  private String stamp;
  private final ConcurrentLinkedQueue<Entry> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread writer;
  private volatile boolean closed;

  public AccessLogger() {
    this(io.berth.common.time.SystemTime.wallClock());
  }

  public AccessLogger(InstantSource clock) {
    this(clock, FLUSH_EVERY);
  }

  /** With another turn than {@link #FLUSH_EVERY} (tests that flush by hand use a long one). */
  AccessLogger(InstantSource clock, Duration flushEvery) {
    this.clock = clock;
    this.flushEvery = flushEvery;
    writer = Thread.ofPlatform().daemon().name("gateway-access-log").start(this::run);
  }

  @Override
  public void record(RequestHead head, String requestId, int status, long durationNanos) {
    if (closed || !log.isInfoEnabled()) {
      return;
    }
    if (size.incrementAndGet() > MAX_PENDING) {
      size.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    pending.add(new Entry(clock.millis(), head.remoteAddress(), head.method(), head.rawPathAndQuery(), requestId, status,
        durationNanos));
  }

  private void run() {
    while (!closed) {
      LockSupport.parkNanos(flushEvery.toNanos());
      flush();
    }
    flush();
  }

  /** Logs every queued entry, and how many were dropped since the last flush. */
  synchronized void flush() {
    StringBuilder batch = new StringBuilder(4096);
    for (Entry e = pending.poll(); e != null; e = pending.poll()) {
      size.decrementAndGet();
      if (batch.length() > BATCH_CHARS) {
        log.info(batch.toString());
        batch.setLength(0);
      }
      if (!batch.isEmpty()) {
        batch.append('\n');
      }
      if (e.epochMillis() != stampedMillis) { // formatting a time costs more than the rest of a line: once per ms
        stampedMillis = e.epochMillis();
        stamp = Instant.ofEpochMilli(stampedMillis).toString();
      }
      batch.append(stamp).append(' ').append(e.client()).append(' ')
          .append(e.method()).append(' ').append(e.target()).append(' ').append(e.status())
          .append(' ').append(e.durationNanos() / 1_000_000).append("ms ").append(e.requestId());
    }
    if (!batch.isEmpty()) {
      log.info(batch.toString());
    }
    long lost = dropped.getAndSet(0);
    if (lost > 0) {
      log.warn("{} access log entries dropped: more than {} were waiting", lost, MAX_PENDING);
    }
  }

  /** Writes what is queued and stops the writer. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(writer);
    try {
      writer.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.berth.http;

import io.netty.channel.Channel;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;

/**
 * Flushes the connections an event loop wrote to once per turn of the loop, after it has handled every event that
 * was ready, instead of one flush per event: on a busy gateway one wake-up of a peer (the client, or the upstream)
 * then carries the answers to several of its requests. Used on event loops only.
 */
final class FlushBatch {
  private static final FastThreadLocal<FlushBatch> LOOPS = new FastThreadLocal<>() {
    @Override
    protected FlushBatch initialValue() {
      return new FlushBatch();
    }
  };

  private final ArrayList<Channel> written = new ArrayList<>();
  private boolean scheduled;

  private FlushBatch() {}

  /** Flushes {@code channel} at the end of this turn of its event loop (the caller runs on that loop). */
  static void flushLater(Channel channel) {
    FlushBatch batch = LOOPS.get();
    if (!batch.written.isEmpty() && batch.written.getLast() == channel) {
      return; // asked again for the same write (the end of a body, then the end of the read that brought it)
    }
    batch.written.add(channel);
    if (!batch.scheduled) {
      batch.scheduled = true;
      channel.eventLoop().execute(batch::flushAll);
    }
  }

  private void flushAll() {
    scheduled = false;
    for (int i = 0; i < written.size(); i++) {
      written.get(i).flush();
    }
    written.clear();
  }
}

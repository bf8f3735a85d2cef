package io.berth.gateway;

import io.berth.http.AccessLog;
import io.berth.http.RequestHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway's access log: one line per request on the logger {@code berth.gateway.access}. */
public final class AccessLogger implements AccessLog {
  private static final Logger log = LoggerFactory.getLogger("berth.gateway.access");

  @Override
  public void record(RequestHead head, String requestId, int status, long durationNanos) {
    if (log.isInfoEnabled()) {
      log.info("{} {} {} {} {}ms {}", head.remoteAddress(), head.method(), head.rawPathAndQuery(), status,
          durationNanos / 1_000_000, requestId);
    }
  }
}

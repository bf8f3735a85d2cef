package io.berth.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.berth.http.RequestHead;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AccessLoggerTest {
  final Logger logger = (Logger) LoggerFactory.getLogger("berth.gateway.access");
  final ListAppender<ILoggingEvent> events = new ListAppender<>();
  ch.qos.logback.classic.Level level;

  @BeforeEach
  void listen() {
    level = logger.getLevel();
    logger.setLevel(ch.qos.logback.classic.Level.INFO);
    events.start();
    logger.addAppender(events);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(events);
    logger.setLevel(level);
  }

  @Test
  void theLinesOfOneTurnAreLoggedTogetherEachWithItsTimeAndRequestId() {
    InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-26T05:41:35.123Z"));
    try (AccessLogger access = new AccessLogger(clock, Duration.ofHours(1))) { // flushed by hand only
      access.record(head("GET", "/mesos/x", "a=1"), "rid-1", 200, 3_400_000);
      access.record(head("POST", "/marathon/v2/apps", null), "rid-2", 403, 100_000);
      access.flush();
    }
    List<String> messages = events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(messages).hasSize(1);
    assertThat(messages.getFirst().split("\n")).containsExactly(
        "2026-11-26T05:41:35.123Z 10.0.0.7 GET /mesos/x?a=1 200 3ms rid-1",
        "2026-11-26T05:41:35.123Z 10.0.0.7 POST /marathon/v2/apps 403 0ms rid-2");
  }

  @Test
  void aLongTurnIsSplitIntoEventsOfBoundedSize() {
    try (AccessLogger access = new AccessLogger(InstantSource.fixed(Instant.EPOCH), Duration.ofHours(1))) {
      String path = "/p/" + "x".repeat(1000);
      for (int i = 0; i < 200; i++) {
        access.record(head("GET", path, null), "rid-" + i, 200, 0);
      }
      access.flush();
    }
    assertThat(events.list).hasSizeGreaterThan(1);
    assertThat(events.list).allSatisfy(e -> assertThat(e.getFormattedMessage().length())
        .isLessThan(AccessLogger.BATCH_CHARS + 2_000));
    assertThat(events.list.stream().mapToLong(e -> e.getFormattedMessage().lines().count()).sum()).isEqualTo(200);
  }

  private static RequestHead head(String method, String path, String query) {
    return new RequestHead(method, path, path, query, Map.of(), "10.0.0.7", false);
  }
}

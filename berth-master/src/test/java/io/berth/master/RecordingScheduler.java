package io.berth.master;

import org.awaitility.Awaitility;

import io.berth.framework.SchedulerEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Collects scheduler events and waits for the ones a test expects. */
final class RecordingScheduler implements Consumer<SchedulerEvent> {
  final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void accept(SchedulerEvent event) {
    events.add(event);
  }

  <T extends SchedulerEvent> T await(Class<T> type, Predicate<T> which) {
    return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
        .filter(type::isInstance).map(type::cast).filter(which).findFirst().orElse(null), e -> e != null);
  }

  <T extends SchedulerEvent> T await(Class<T> type) {
    return await(type, e -> true);
  }
}

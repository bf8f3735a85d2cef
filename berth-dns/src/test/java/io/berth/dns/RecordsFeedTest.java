package io.berth.dns;

import static io.berth.dns.Images.agent;
import static io.berth.dns.Images.framework;
import static io.berth.dns.Images.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.api.cluster.TaskInfo;
import io.berth.api.cluster.TaskState;
import io.berth.dns.records.MasterAddresses;
import io.berth.dns.records.RecordGenerator;
import io.berth.state.StatePublisher;
import io.berth.state.image.ClusterImage;
import io.berth.state.record.TaskRecord;
import io.berth.testkit.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordsFeedTest {
  @Test
  void namesFollowStateDeltasWithoutPolling() {
    StatePublisher publisher = new StatePublisher();
    TestClock clock = new TestClock();
    TaskInfo web = task("web.1", "web", "fw", "a-S1", List.of(), List.of(), Map.of());
    Images images = new Images().agent(agent("a-S1", "10.0.0.2")).framework(framework("fw", "marathon"));
    ClusterImage image = images.applyTo(ClusterImage.EMPTY);
    publisher.publish(image, List.of());
    try (RecordsFeed feed = new RecordsFeed(new RecordGenerator(DnsConfig.defaults(List.of())), publisher,
        () -> MasterAddresses.NONE, clock)) {
      assertThat(feed.current().lookup("web.marathon.mesos")).isEmpty();
      images.running(web);
      var records = images.drain();
      ClusterImage running = image.apply(image.offset() + 1, records);
      publisher.publish(running, records);
      await().atMost(Duration.ofSeconds(1)).until(() -> feed.current().lookup("web.marathon.mesos").isPresent());

      // an acknowledgement changes no name: the record set stays the same object
      var before = feed.current();
      var ack = List.<io.berth.state.record.ChangeRecord>of(new TaskRecord.StatusAcknowledged("web.1", "x"));
      publisher.publish(running.apply(running.offset() + 1, ack), ack);
      assertThat(RecordsFeed.changesNames(ack.getFirst())).isFalse();

      images.state(web, TaskState.TASK_KILLED);
      var killed = images.drain();
      publisher.publish(running.apply(running.offset() + 2, killed), killed);
      await().atMost(Duration.ofSeconds(1)).until(() -> feed.current().lookup("web.marathon.mesos").isEmpty());
      assertThat(feed.current()).isNotSameAs(before);
    }
  }
}

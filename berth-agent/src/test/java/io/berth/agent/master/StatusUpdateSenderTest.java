package io.berth.agent.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.agent.Backoff;
import io.berth.agent.EventLoop;
import io.berth.agent.checkpoint.Checkpoint;
import io.berth.api.agent.StatusUpdates;
import io.berth.api.agent.UpdatesAcknowledged;
import io.berth.api.cluster.TaskState;
import io.berth.api.cluster.TaskStatus;
import io.berth.client.JsonHttp;
import io.berth.client.MasterClient;
import io.berth.http.ErrorRenderer;
import io.berth.http.HttpServer;
import io.berth.http.Response;
import io.berth.http.Routes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When held updates (TASK_STARTING) travel: with the next update, or alone once the hold has passed. */
class StatusUpdateSenderTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private final List<List<TaskState>> batches = new CopyOnWriteArrayList<>();
  private final EventLoop loop = new EventLoop("sender-test");
  private final HttpServer master = HttpServer.start("127.0.0.1", 0, List.of(Routes.builder(ErrorRenderer.text())
      .post("/internal/agents/{id}/updates", r -> {
        StatusUpdates updates = r.json(StatusUpdates.class);
        batches.add(updates.updates().stream().map(TaskStatus::state).toList());
        return Response.ok(new UpdatesAcknowledged(updates.updates().stream().map(TaskStatus::uuid).toList()));
      }).build()));

  @AfterEach
  void close() {
    master.close();
    loop.close();
  }

  private StatusUpdateSender connectedSender(Duration hold) {
    StatusUpdateSender sender = new StatusUpdateSender(loop, Checkpoint.open(dir).updates(),
        new Backoff(Duration.ofMillis(10), Duration.ofMillis(100)), acknowledged -> { }, hold);
    onLoop(() -> sender.connected(new MasterClient(new JsonHttp(WAIT), master.url()), "agent-1", () -> { }));
    return sender;
  }

  /** The sender is owned by the loop: every call runs there. */
  private void onLoop(Runnable action) {
    loop.call(() -> {
      action.run();
      return null;
    });
  }

  private static TaskStatus status(TaskState state, String uuid) {
    return new TaskStatus("web.1", "fw", "agent-1", state, null, TaskStatus.Source.SOURCE_EXECUTOR, null,
        Instant.parse("2026-01-01T00:00:00Z"), uuid, null, "c-1", null);
  }

  @Test
  void aHeldUpdateIsOnDiskAtOnceAndTravelsWithTheNextOne() {
    StatusUpdateSender sender = connectedSender(Duration.ofHours(1));

    onLoop(() -> sender.publishHeld(status(TaskState.TASK_STARTING, "u1")));
    assertThat(Checkpoint.open(dir).updates().all()).extracting(TaskStatus::uuid).containsExactly("u1");
    assertThat(batches).isEmpty();
    onLoop(() -> sender.publishRepeatable(status(TaskState.TASK_RUNNING, "u2")));

    await().atMost(WAIT).until(() -> loop.call(sender::pendingCount) == 0);
    assertThat(batches).containsExactly(List.of(TaskState.TASK_STARTING, TaskState.TASK_RUNNING));
  }

  @Test
  void aHeldUpdateGoesAloneOnceTheHoldHasPassed() {
    StatusUpdateSender sender = connectedSender(Duration.ofMillis(50));

    onLoop(() -> sender.publishHeld(status(TaskState.TASK_STARTING, "u1")));

    await().atMost(WAIT).until(() -> loop.call(sender::pendingCount) == 0);
    assertThat(batches).containsExactly(List.of(TaskState.TASK_STARTING));
  }
}

package io.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.job.RunWait;
import io.berth.cli.marathon.DeploymentWait;
import io.berth.cli.output.ProgressDisplay;
import io.berth.cli.output.WaitLimits;
import io.berth.client.GatewayHttp;
import io.berth.client.MarathonClient;
import io.berth.client.MetronomeClient;
import io.berth.common.error.BerthException;
import io.berth.common.json.Json;
import io.berth.common.time.Ticker;
import io.berth.http.ErrorRenderer;
import io.berth.http.HttpServer;
import io.berth.http.Response;
import io.berth.http.Routes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --wait} against a small fake gateway that plays a deployment or a job run poll by poll: it ends when the work
 * is done, and fails (exit 2) on a task failure, a cancelled deployment, a failed run and at the timeout.
 */
class WaitsTest {
  private HttpServer server;
  private final StringWriter shown = new StringWriter();
  private final ProgressDisplay display = new ProgressDisplay(new PrintWriter(shown), false);
  /** A ticker that moves a minute each time it is read, so timeouts come without waiting for them. */
  private final AtomicLong now = new AtomicLong();
  private final Ticker fastTicker = () -> now.addAndGet(Duration.ofMinutes(1).toNanos());
  private final Ticker stoppedTicker = () -> 0L;
  private static final Duration FAST = Duration.ofMillis(5);
  /** Time stands still: the wait ends only through what the cluster answers. */
  private final WaitLimits noTimeout = new WaitLimits(stoppedTicker, Duration.ofMinutes(1), FAST);

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  static JsonNode json(String text) {
    return Json.tree(text.getBytes());
  }

  /** A fake Marathon: poll n (from 0) of the deployments and of the app answer as the functions say. */
  private MarathonClient marathon(IntFunction<String> deployments, IntFunction<String> app) {
    AtomicInteger polls = new AtomicInteger();
    server = HttpServer.start("127.0.0.1", 0, List.of(Routes.builder(ErrorRenderer.json())
        .get("/marathon/v2/deployments", r -> Response.ok(json(deployments.apply(polls.getAndIncrement()))))
        .get("/marathon/v2/apps/{id}", r -> Response.ok(json("{\"app\": " + app.apply(Math.max(0, polls.get() - 1)) + "}")))
        .build()));
    return new MarathonClient(GatewayHttp.connect(server.url(), null, "token", Duration.ofSeconds(5)));
  }

  private static String app(int running, int healthy, String failure) {
    return "{\"id\": \"/web\", \"instances\": 2, \"tasksRunning\": " + running + ", \"tasksHealthy\": " + healthy
        + ", \"healthChecks\": [{}]" + (failure == null ? "" : ", \"lastTaskFailure\": " + failure) + "}";
  }

  private static final String D1 = "[{\"id\": \"d1\", \"affectedApps\": [\"/web\"]}]";
  private static final String FAILURE = "{\"taskId\": \"t2\", \"state\": \"TASK_FAILED\", \"message\": \"exit 1\", \"timestamp\": \"T\"}";

  @Test
  void aDeploymentIsFollowedUntilItsAppsAreAtTheirTarget() {
    MarathonClient marathon = marathon(n -> n < 2 ? D1 : "[]", n -> app(Math.min(n, 2), Math.min(n, 2), null));
    new DeploymentWait(marathon, display, noTimeout).await("d1", List.of());
    assertThat(shown.toString()).isEqualTo("/web: 0/2 running, 0/2 healthy\n/web: 1/2 running, 1/2 healthy\n"
        + "/web: 2/2 running, 2/2 healthy, done\nDeployment d1 finished.\n");
  }

  @Test
  void aNewTaskFailureEndsTheWaitWithExitTwo() {
    String old = "{\"taskId\": \"t1\", \"state\": \"TASK_FAILED\", \"timestamp\": \"S\"}";
    MarathonClient marathon = marathon(n -> D1, n -> app(0, 0, n == 0 ? old : FAILURE));
    assertThatThrownBy(() -> new DeploymentWait(marathon, display, noTimeout).await("d1", List.of()))
        .isInstanceOfSatisfying(CliFailure.class, f -> assertThat(f.exitCode()).isEqualTo(2))
        .hasMessageStartingWith("deployment d1 failed: task t2 of /web TASK_FAILED: exit 1 at T");
  }

  @Test
  void aDeploymentThatEndsShortOfItsTargetFails() {
    MarathonClient marathon = marathon(n -> n < 1 ? D1 : "[]", n -> app(1, 1, null));
    assertThatThrownBy(() -> new DeploymentWait(marathon, display, noTimeout).await("d1", List.of()))
        .isInstanceOfSatisfying(CliFailure.class, f -> assertThat(f.exitCode()).isEqualTo(2))
        .hasMessage("deployment d1 ended before its apps reached their target (cancelled or replaced)");
  }

  @Test
  void theWaitGivesUpAtItsTimeout() {
    MarathonClient marathon = marathon(n -> D1, n -> app(1, 1, null));
    WaitLimits twoMinutes = new WaitLimits(fastTicker, Duration.ofMinutes(2), FAST);
    assertThatThrownBy(() -> new DeploymentWait(marathon, display, twoMinutes).await("d1", List.of()))
        .isInstanceOfSatisfying(CliFailure.class, f -> assertThat(f.exitCode()).isEqualTo(2))
        .hasMessageContaining("is not finished after 120 s");
  }

  private MetronomeClient metronome(String outcomeList, int activePolls) {
    AtomicInteger polls = new AtomicInteger();
    server = HttpServer.start("127.0.0.1", 0, List.of(Routes.builder(ErrorRenderer.json())
        .get("/metronome/v1/jobs/{id}/runs/{run}", r -> {
          int n = polls.getAndIncrement();
          if (n >= activePolls) {
            throw BerthException.notFound("run ended");
          }
          return Response.ok(json("{\"id\": \"r1\", \"status\": \"" + (n == 0 ? "INITIAL" : "ACTIVE")
              + "\", \"tasks\": [{\"status\": \"TASK_RUNNING\"}]}"));
        })
        .get("/metronome/v1/jobs/{id}", r -> Response.ok(json("{\"id\": \"j\", \"history\": {\"" + outcomeList
            + "\": [{\"id\": \"r1\"}]}}")))
        .build()));
    return new MetronomeClient(GatewayHttp.connect(server.url(), null, "token", Duration.ofSeconds(5)));
  }

  @Test
  void aJobRunIsFollowedThroughItsPhasesToItsOutcome() {
    new RunWait(metronome("successfulFinishedRuns", 2), display, noTimeout).await("j", "r1");
    assertThat(shown.toString()).isEqualTo("j r1: INITIAL  task TASK_RUNNING\nj r1: ACTIVE  task TASK_RUNNING\n"
        + "j r1: SUCCESS\nRun r1 of job j succeeded.\n");
  }

  @Test
  void aFailedRunIsExitTwo() {
    assertThatThrownBy(() -> new RunWait(metronome("failedFinishedRuns", 1), display, noTimeout)
        .await("j", "r1"))
        .isInstanceOfSatisfying(CliFailure.class, f -> assertThat(f.exitCode()).isEqualTo(2))
        .hasMessageStartingWith("run r1 of job j failed");
    assertThat(shown.toString()).endsWith("j r1: FAILED\n");
  }
}

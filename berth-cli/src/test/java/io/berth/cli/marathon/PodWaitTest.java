package io.berth.cli.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cli.CliFailure;
import io.berth.cli.output.ProgressDisplay;
import io.berth.cli.output.WaitLimits;
import io.berth.client.GatewayHttp;
import io.berth.client.MarathonClient;
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
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code pod add|update|remove --wait} against a fake gateway that plays a pod deployment poll by poll. */
class PodWaitTest {
  private HttpServer server;
  private final StringWriter shown = new StringWriter();
  private final ProgressDisplay display = new ProgressDisplay(new PrintWriter(shown), false);
  private static final Ticker STOPPED = () -> 0L;
  private static final Duration FAST = Duration.ofMillis(5);
  /** Time stands still: the wait ends only through what the cluster answers. */
  private static final WaitLimits NO_TIMEOUT = new WaitLimits(STOPPED, Duration.ofMinutes(1), FAST);

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Poll n (from 0): the deployments and the pod's status (null: 404) as the functions say. */
  private MarathonClient marathon(IntFunction<String> deployments, IntFunction<String> status) {
    AtomicInteger polls = new AtomicInteger();
    server = HttpServer.start("127.0.0.1", 0, List.of(Routes.builder(ErrorRenderer.json())
        .get("/marathon/v2/deployments", r -> Response.ok(Json.tree(deployments.apply(polls.getAndIncrement()).getBytes())))
        .get("/marathon/v2/pods/{path...}", r -> {
          String s = status.apply(Math.max(0, polls.get() - 1));
          if (s == null) {
            throw BerthException.notFound("Pod '/db' does not exist");
          }
          return Response.ok(Json.tree(s.getBytes()));
        })
        .build()));
    return new MarathonClient(GatewayHttp.connect(server.url(), null, "token", Duration.ofSeconds(5)));
  }

  private static final String DEPLOYING = "[{\"id\": \"d1\", \"affectedApps\": [], \"affectedPods\": [\"/db\"]}]";

  private static String status(int stable, String containerState) {
    StringBuilder instances = new StringBuilder();
    for (int i = 0; i < 2; i++) {
      instances.append(i == 0 ? "" : ",").append("{\"id\": \"db.instance-").append(i).append("\", \"status\": \"")
          .append(i < stable ? "STABLE" : "STAGING").append("\", \"containers\": [{\"name\": \"c\", \"status\": \"")
          .append(i == 1 && containerState != null ? containerState : "TASK_RUNNING").append("\"}]}");
    }
    return "{\"id\": \"/db\", \"spec\": {\"scaling\": {\"instances\": 2}}, \"status\": \""
        + (stable == 2 ? "STABLE" : "DEGRADED") + "\", \"instances\": [" + instances + "]}";
  }

  @Test
  void aPodDeploymentIsFollowedUntilItsInstancesAreStable() {
    MarathonClient marathon = marathon(n -> n < 2 ? DEPLOYING : "[]", n -> status(Math.min(n, 2), null));
    new PodWait(marathon, display, NO_TIMEOUT).await("/db", false);
    assertThat(shown.toString()).isEqualTo("/db: 0/2 stable\n/db: 1/2 stable\n/db: 2/2 stable, done\nPod /db is stable.\n");
  }

  @Test
  void aFailedContainerEndsTheWaitWithExit2() {
    MarathonClient marathon = marathon(n -> DEPLOYING, n -> status(1, n >= 1 ? "TASK_FAILED" : null));
    assertThatThrownBy(() -> new PodWait(marathon, display, NO_TIMEOUT).await("/db", false))
        .isInstanceOf(CliFailure.class)
        .hasMessageContaining("container c of db.instance-1 TASK_FAILED")
        .satisfies(e -> assertThat(((CliFailure) e).exitCode()).isEqualTo(2));
  }

  @Test
  void aRemovalEndsWhenThePodIsGoneAndADeploymentEndingShortFails() {
    new PodWait(marathon(n -> n < 1 ? DEPLOYING : "[]", n -> n < 1 ? status(2, null) : null), display, NO_TIMEOUT)
        .await("/db", true);
    assertThat(shown.toString()).endsWith("Pod /db removed.\n");
    stop();
    assertThatThrownBy(() -> new PodWait(marathon(n -> "[]", n -> status(1, null)), display, NO_TIMEOUT).await("/db", false))
        .isInstanceOf(CliFailure.class)
        .hasMessageContaining("ended before it reached its target");
  }
}

package io.berth.marathon.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.json.Json;
import io.berth.state.apps.StoredDeployment;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pod plans (pure): start, scale, restart on any other change, stop, nothing. */
class PodPlannerTest {
  static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  static JsonNode pod(int instances, String cmd, String version) {
    return Json.tree(("{\"id\": \"/p\", \"version\": \"" + version + "\", \"scaling\": {\"kind\": \"fixed\", \"instances\": "
        + instances + "}, \"containers\": [{\"name\": \"c\", \"exec\": {\"command\": {\"shell\": \"" + cmd + "\"}}}]}")
        .getBytes());
  }

  static List<String> actions(StoredDeployment d) {
    return d.steps().stream().flatMap(s -> s.actions().stream()).map(a -> a.action() + " " + a.pod()).toList();
  }

  @Test
  void eachChangeGetsMarathonsPodActions() {
    assertThat(actions(PodPlanner.plan("d", "v", "/p", null, pod(2, "a", "v1"), T))).containsExactly("StartPod /p", "ScalePod /p");
    assertThat(actions(PodPlanner.plan("d", "v", "/p", pod(2, "a", "v1"), pod(3, "a", "v2"), T))).containsExactly("ScalePod /p");
    assertThat(actions(PodPlanner.plan("d", "v", "/p", pod(2, "a", "v1"), pod(3, "b", "v2"), T))).containsExactly("RestartPod /p");
    assertThat(actions(PodPlanner.plan("d", "v", "/p", pod(2, "a", "v1"), null, T))).containsExactly("StopPod /p");
    StoredDeployment none = PodPlanner.plan("d", "v", "/p", pod(2, "a", "v1"), pod(2, "a", "v2"), T);
    assertThat(none.steps()).isEmpty();
    assertThat(none.affectedPods()).isEmpty();
    StoredDeployment restart = PodPlanner.plan("d", "v", "/p", pod(2, "a", "v1"), pod(2, "b", "v2"), T);
    assertThat(restart.affectedPods()).containsExactly("/p");
    assertThat(restart.affectedApps()).isEmpty();
    assertThat(restart.original().get("/p")).isEqualTo(pod(2, "a", "v1"));
  }
}

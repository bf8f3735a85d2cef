package io.berth.marathon.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.BerthException;
import io.berth.common.json.Json;
import io.berth.state.apps.StoredDeployment;
import io.berth.state.apps.StoredGroup;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeploymentPlannerTest {
  static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  static JsonNode app(String id, int instances, String cmd, String... deps) {
    StringBuilder d = new StringBuilder();
    for (String dep : deps) {
      d.append(d.isEmpty() ? "" : ",").append('"').append(dep).append('"');
    }
    return Json.tree(("{\"id\":\"" + id + "\",\"cmd\":\"" + cmd + "\",\"instances\":" + instances + ",\"dependencies\":[" + d + "]}").getBytes());
  }

  static DeploymentPlanner.Root root(JsonNode... apps) {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    for (JsonNode a : apps) {
      m.put(a.path("id").asText(), a);
    }
    return new DeploymentPlanner.Root(m, Map.of());
  }

  static List<List<String>> steps(StoredDeployment plan) {
    return plan.steps().stream().map(s -> s.actions().stream().map(a -> a.action() + " " + a.app()).sorted().toList()).toList();
  }

  @Test
  void newAppsStartThenScaleInDependencyLayers() {
    StoredDeployment plan = DeploymentPlanner.plan("d", "v", root(), root(app("/a/web", 2, "x", "/a/api"),
        app("/a/api", 1, "x", "/a/db"), app("/a/db", 1, "x"), app("/b", 1, "x")), Set.of(), T);
    assertThat(steps(plan)).containsExactly(
        List.of("StartApplication /a/api", "StartApplication /a/db", "StartApplication /a/web", "StartApplication /b"),
        List.of("ScaleApplication /a/db", "ScaleApplication /b"),
        List.of("ScaleApplication /a/api"),
        List.of("ScaleApplication /a/web"));
    assertThat(plan.affectedApps()).containsExactlyInAnyOrder("/a/web", "/a/api", "/a/db", "/b");
  }

  @Test
  void stopsComeFirstScaleOnlyChangesScaleAndConfigChangesRestart() {
    DeploymentPlanner.Root before = root(app("/gone", 1, "x"), app("/scaled", 1, "x"), app("/changed", 1, "x"), app("/same", 1, "x"));
    DeploymentPlanner.Root after = root(app("/scaled", 3, "x"), app("/changed", 1, "y"), app("/same", 1, "x"));
    StoredDeployment plan = DeploymentPlanner.plan("d", "v", before, after, Set.of(), T);
    assertThat(steps(plan)).containsExactly(List.of("StopApplication /gone"),
        List.of("RestartApplication /changed", "ScaleApplication /scaled"));
    assertThat(plan.original()).containsKeys("/gone", "/scaled", "/changed").doesNotContainKey("/same");
    assertThat(DeploymentPlanner.plan("d", "v", after, after, Set.of(), T).steps()).isEmpty();
    assertThat(steps(DeploymentPlanner.plan("d", "v", after, after, Set.of("/same"), T)))
        .containsExactly(List.of("RestartApplication /same"));
  }

  @Test
  void groupDependenciesApplyToTheGroupsApps() {
    Map<String, JsonNode> apps = new LinkedHashMap<>();
    apps.put("/d/service/app", app("/d/service/app", 1, "x"));
    apps.put("/d/database/db", app("/d/database/db", 1, "x"));
    DeploymentPlanner.Root target = new DeploymentPlanner.Root(apps,
        Map.of("/d/service", new StoredGroup("/d/service", List.of("/d/database"), "v", false)));
    StoredDeployment plan = DeploymentPlanner.plan("d", "v", root(), target, Set.of(), T);
    assertThat(steps(plan).subList(1, 3)).containsExactly(List.of("ScaleApplication /d/database/db"),
        List.of("ScaleApplication /d/service/app"));
  }

  @Test
  void cyclesAreRejected() {
    assertThatThrownBy(() -> DeploymentPlanner.plan("d", "v", root(), root(app("/a", 1, "x", "/b"), app("/b", 1, "x", "/a")),
        Set.of(), T)).isInstanceOf(BerthException.class).hasMessage("Object is not valid");
  }
}

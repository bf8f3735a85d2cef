package io.berth.state.apps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.json.Json;
import io.berth.state.image.ClusterImage;
import io.berth.state.record.ChangeRecord;
import io.berth.state.store.RecordCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppsImageTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static JsonNode app(String id, String version, String configAt) {
    return Json.tree(("{\"id\":\"" + id + "\",\"version\":\"" + version + "\",\"versionInfo\":{\"lastConfigChangeAt\":\""
        + configAt + "\"}}").getBytes());
  }

  @Test
  void recordsRoundTripThroughTheCodecAndReplayIntoTheSameImage() {
    StoredDeployment d = new StoredDeployment("d1", "v1", List.of("/a"), List.of(),
        List.of(new StoredDeployment.Step(List.of(new StoredDeployment.Action("ScaleApplication", "/a", null)))), 0,
        Map.of(), T0);
    List<ChangeRecord> batch = List.of(
        new AppsRecord.RootChanged(Map.of("/a", app("/a", "v1", "v1")), List.of(), Map.of(), List.of(),
            Map.of("/g", new StoredGroup("/g", List.of("/db"), "v1", false)), List.of(), List.of(), d, T0),
        new AppsRecord.DeploymentAdvanced("d1", 1),
        new AppsRecord.LaunchDelayed(new LaunchDelay("/a", "v1", 1, 1.0, T0, T0.plusSeconds(1))));
    List<ChangeRecord> decoded = RecordCodec.decodeBatch(RecordCodec.encodeBatch(batch));
    assertThat(decoded).isEqualTo(batch);
    ClusterImage image = ClusterImage.EMPTY.apply(1, decoded);
    assertThat(image.apps().apps()).containsOnlyKeys("/a");
    assertThat(image.apps().deployments().get("d1").currentStep()).isEqualTo(1);
    assertThat(image.apps().delays()).containsKey("/a");
    assertThat(RecordCodec.decodeImage(RecordCodec.encodeImage(image))).isEqualTo(image);
  }

  @Test
  void keepsVersionsResetsDelaysOnConfigChangeAndRemoves() {
    AppsImage img = AppsImage.EMPTY.apply(new AppsRecord.RootChanged(Map.of("/a", app("/a", "v1", "v1")), null, null,
        null, null, null, null, null, T0));
    img = img.apply(new AppsRecord.LaunchDelayed(new LaunchDelay("/a", "v1", 1, 1, T0, T0.plusSeconds(1))));
    img = img.apply(new AppsRecord.RootChanged(Map.of("/a", app("/a", "v2", "v1")), null, null, null, null, null, null, null, T0));
    assertThat(img.delays()).containsKey("/a");
    img = img.apply(new AppsRecord.RootChanged(Map.of("/a", app("/a", "v3", "v3")), null, null, null, null, null, null, null, T0));
    assertThat(img.delays()).isEmpty();
    assertThat(img.appVersions().get("/a")).extracting(v -> v.path("version").asText()).containsExactly("v1", "v2", "v3");
    img = img.apply(new AppsRecord.RootChanged(null, List.of("/a"), null, null, null, null, null, null, T0));
    assertThat(img.apps()).isEmpty();
    assertThat(img.appVersions()).isEmpty();
  }
}

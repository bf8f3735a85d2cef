package io.berth.marathon.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.marathon.model.AppSpec;
import io.berth.marathon.model.PodSpec;
import io.berth.state.image.ClusterImage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The typed run specs of the image's apps and pods, each read once per stored definition (images share unchanged
 * definitions). A pod is scheduled as its {@link PodSpec#app()}. Loop-owned.
 */
final class RunSpecs {
  private final Map<String, AppSpec> apps = new HashMap<>();
  private final Map<String, JsonNode> appSources = new HashMap<>();
  private final Map<String, PodSpec> pods = new HashMap<>();

  AppSpec app(String id, JsonNode def) {
    if (appSources.get(id) != def) {
      appSources.put(id, def);
      apps.put(id, AppSpec.of(def));
    }
    return apps.get(id);
  }

  PodSpec pod(String id, JsonNode def) {
    PodSpec known = pods.get(id);
    if (known == null || known.definition() != def) {
      known = PodSpec.of(def);
      pods.put(id, known);
    }
    return known;
  }

  /** The pod with this id as last read, or null when it is an app (or gone). */
  PodSpec podSpec(String id) {
    return pods.get(id);
  }

  /** An app's or a pod's run spec in the image, or null. */
  AppSpec runSpec(ClusterImage image, String id) {
    JsonNode app = image.apps().apps().get(id);
    if (app != null) {
      return app(id, app);
    }
    JsonNode pod = image.apps().pods().get(id);
    return pod == null ? null : pod(id, pod).app();
  }

  /** Every run spec of the image by id (apps, then pods); forgets the ones that are gone. */
  Map<String, AppSpec> all(ClusterImage image) {
    Map<String, AppSpec> out = new LinkedHashMap<>();
    image.apps().apps().forEach((id, def) -> out.put(id, app(id, def)));
    apps.keySet().retainAll(out.keySet());
    appSources.keySet().retainAll(out.keySet());
    image.apps().pods().forEach((id, def) -> out.put(id, pod(id, def).app()));
    pods.keySet().retainAll(image.apps().pods().keySet());
    return out;
  }
}

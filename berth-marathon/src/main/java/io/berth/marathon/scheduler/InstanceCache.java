package io.berth.marathon.scheduler;

import io.berth.state.image.ClusterImage;
import io.berth.state.image.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Instance#byApp} for the scheduler's loop, without re-reading tasks that did not change: images share
 * unchanged {@link Task} objects, so an instance is rebuilt only when its task object is new (pod instances,
 * {@link PodInstances}, are rebuilt on every new image). Loop-owned.
 */
final class InstanceCache {
  private final Map<String, Instance> byTask = new HashMap<>();
  private ClusterImage last;
  private Map<String, List<Instance>> lastResult = Map.of();

  Map<String, List<Instance>> byApp(ClusterImage image) {
    if (image == last) {
      return lastResult;
    }
    Map<String, List<Instance>> out = new LinkedHashMap<>();
    Map<String, Instance> seen = new HashMap<>();
    for (Task t : image.tasks().values()) {
      if (!MarathonScheduler.FRAMEWORK_ID.equals(t.info().frameworkId()) || !t.info().labels().containsKey(Instance.APP_ID)) {
        continue;
      }
      Instance cached = byTask.get(t.id());
      Instance i = cached != null && cached.task() == t ? cached : Instance.of(t);
      seen.put(t.id(), i);
      out.computeIfAbsent(i.appId(), k -> new ArrayList<>()).add(i);
    }
    out.putAll(PodInstances.byPod(image, MarathonScheduler.FRAMEWORK_ID));
    byTask.clear();
    byTask.putAll(seen);
    last = image;
    lastResult = out;
    return out;
  }
}

package io.berth.state;

import io.berth.state.image.ClusterImage;
import io.berth.state.record.ChangeRecord;
import java.util.List;

/** One step of the cluster state: the records of a committed batch and the images before and after it. */
public record ClusterDelta(ClusterImage previous, ClusterImage current, List<ChangeRecord> records) {
  public ClusterDelta {
    records = List.copyOf(records);
  }
}

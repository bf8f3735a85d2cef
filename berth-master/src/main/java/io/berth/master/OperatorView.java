package io.berth.master;

import io.berth.framework.Offer;
import io.berth.state.image.ClusterImage;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** What the operator API shows of the leader: the image plus the live parts (connections, offers). */
public record OperatorView(ClusterImage image, Set<String> connectedFrameworks, List<Offer> offers, Instant electedAt) {
  public OperatorView {
    connectedFrameworks = Set.copyOf(connectedFrameworks);
    offers = List.copyOf(offers);
  }
}

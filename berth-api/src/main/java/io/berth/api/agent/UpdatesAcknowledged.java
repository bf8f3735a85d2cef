package io.berth.api.agent;

import java.util.List;

/** The uuids of the status updates the master has committed; the agent may forget them. */
public record UpdatesAcknowledged(List<String> uuids) {
  public UpdatesAcknowledged {
    uuids = uuids == null ? List.of() : List.copyOf(uuids);
  }
}

package io.berth.state.apps;

import java.util.List;

/** A Marathon group as stored: its path id, the ids it depends on, its version and {@code enforceRole}. */
public record StoredGroup(String id, List<String> dependencies, String version, boolean enforceRole) {
  public StoredGroup {
    dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
  }
}

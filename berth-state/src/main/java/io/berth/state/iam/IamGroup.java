package io.berth.state.iam;

import java.util.List;

/** A group of users and service accounts; {@code members} are uids in the order they were added. */
public record IamGroup(String gid, String description, String providerType, List<String> members) {
  public IamGroup {
    description = description == null ? "" : description;
    providerType = providerType == null ? "internal" : providerType;
    members = members == null ? List.of() : List.copyOf(members);
  }
}

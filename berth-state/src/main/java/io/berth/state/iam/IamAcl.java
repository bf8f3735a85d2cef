package io.berth.state.iam;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The access control list of one protected resource id: which users and groups may do which actions on it
 * (whitelist; everything not listed is denied).
 *
 * @param users uid to its actions ({@code create read update delete full})
 * @param groups gid to its actions
 */
public record IamAcl(String rid, String description, Map<String, List<String>> users, Map<String, List<String>> groups) {
  public IamAcl {
    description = description == null ? "" : description;
    users = users == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(users));
    groups = groups == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(groups));
  }
}

package io.berth.iam;

import io.berth.state.iam.IamAcl;
import io.berth.state.iam.IamImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a principal may do an action on a resource id, from the IAM image alone (pure).
 *
 * <ul>
 *   <li>Any action granted on {@code dcos:superuser} allows everything.</li>
 *   <li>{@code full} implies every other action.</li>
 *   <li>Grants to a group count for its members.</li>
 *   <li>An ACL on a shorter resource id covers the ids beneath it ({@code dcos:mesos:master:task:app_id} covers
 *       {@code dcos:mesos:master:task:app_id:/dev}), except for Admin Router ids ({@code dcos:adminrouter:...}),
 *       which DC/OS checks exactly: a grant on one service does not reach its nested services.</li>
 * </ul>
 */
public final class Authorizer {
  public static final String SUPERUSER = "dcos:superuser";
  /** The actions of the permission model. */
  public static final Set<String> ACTIONS = Set.of("create", "read", "update", "delete", "full");

  private Authorizer() {}

  public static boolean allowed(IamImage iam, String uid, String rid, String action) {
    if (iam.user(uid).isEmpty()) {
      return false;
    }
    List<String> groups = iam.groupsOf(uid);
    if (grantsAny(iam.acls().get(SUPERUSER), uid, groups)) {
      return true;
    }
    for (String candidate : coveringRids(rid)) {
      IamAcl acl = iam.acls().get(candidate);
      if (acl != null && grants(acl, uid, groups, action)) {
        return true;
      }
    }
    return false;
  }

  /** True if the principal is a superuser. */
  public static boolean isSuperuser(IamImage iam, String uid) {
    return iam.user(uid).isPresent() && grantsAny(iam.acls().get(SUPERUSER), uid, iam.groupsOf(uid));
  }

  /** The rid itself and, outside Admin Router's ids, every shorter rid that ends at a {@code :}. */
  static List<String> coveringRids(String rid) {
    List<String> rids = new ArrayList<>();
    rids.add(rid);
    if (rid.startsWith("dcos:adminrouter:")) {
      return rids;
    }
    for (int i = rid.length() - 1; i > 0; i--) {
      if (rid.charAt(i) == ':' && rid.substring(0, i).split(":").length > 2) {
        rids.add(rid.substring(0, i));
      }
    }
    return rids;
  }

  private static boolean grants(IamAcl acl, String uid, List<String> groups, String action) {
    if (permits(acl.users().get(uid), action)) {
      return true;
    }
    return groups.stream().anyMatch(g -> permits(acl.groups().get(g), action));
  }

  private static boolean grantsAny(IamAcl acl, String uid, List<String> groups) {
    if (acl == null) {
      return false;
    }
    List<String> direct = acl.users().get(uid);
    return (direct != null && !direct.isEmpty()) || groups.stream().anyMatch(g -> {
      List<String> actions = acl.groups().get(g);
      return actions != null && !actions.isEmpty();
    });
  }

  private static boolean permits(List<String> actions, String action) {
    return actions != null && (actions.contains("full") || actions.contains(action));
  }
}

package io.berth.iam;

import io.berth.state.iam.IamAcl;
import io.berth.state.iam.IamGroup;
import io.berth.state.iam.IamImage;
import io.berth.state.iam.IamUser;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the IAM API (DC/OS Bouncer's), built from the image. */
final class IamViews {
  static final String BASE = "/acs/api/v1";

  private IamViews() {}

  static Map<String, Object> array(List<?> items) {
    return Map.of("array", items);
  }

  static Map<String, Object> user(IamUser u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("uid", u.uid());
    m.put("url", BASE + "/users/" + enc(u.uid()));
    m.put("description", u.description());
    m.put("is_remote", u.isRemote());
    m.put("is_service", u.isService());
    if (u.publicKey() != null) {
      m.put("public_key", u.publicKey());
    }
    m.put("provider_type", u.providerType());
    m.put("provider_id", u.providerId());
    return m;
  }

  static Map<String, Object> group(IamGroup g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("gid", g.gid());
    m.put("url", BASE + "/groups/" + enc(g.gid()));
    m.put("description", g.description());
    m.put("provider_type", g.providerType());
    return m;
  }

  static Map<String, Object> acl(IamAcl a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rid", a.rid());
    m.put("url", aclUrl(a.rid()));
    m.put("description", a.description());
    return m;
  }

  static String aclUrl(String rid) {
    return BASE + "/acls/" + enc(rid).replace("%2F", "%252F");
  }

  static List<Map<String, Object>> actions(String base, List<String> actions) {
    return actions.stream().map(a -> Map.<String, Object>of("name", a, "url", base + "/" + a)).toList();
  }

  /** {@code GET /users/{uid}/permissions} and {@code /groups/{gid}/permissions}. */
  static Map<String, Object> permissions(IamImage iam, String uid, List<String> gids) {
    List<Object> direct = new ArrayList<>();
    List<Object> viaGroups = new ArrayList<>();
    for (IamAcl acl : iam.acls().values()) {
      List<String> own = uid == null ? null : acl.users().get(uid);
      if (own != null) {
        direct.add(Map.of("rid", acl.rid(), "description", acl.description(), "aclurl", aclUrl(acl.rid()),
            "actions", actions(aclUrl(acl.rid()) + "/users/" + enc(uid), own)));
      }
      for (String gid : gids) {
        List<String> group = acl.groups().get(gid);
        if (group != null) {
          Map<String, Object> entry = Map.of("rid", acl.rid(), "gid", gid, "description", acl.description(),
              "aclurl", aclUrl(acl.rid()), "actions", actions(aclUrl(acl.rid()) + "/groups/" + enc(gid), group));
          (uid == null ? direct : viaGroups).add(entry);
        }
      }
    }
    return uid == null ? Map.of("array", direct) : Map.of("direct", direct, "groups", viaGroups);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A resource id from its path segment: clients send {@code /} inside it as {@code %252F} (decoded once already). */
  static String rid(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}

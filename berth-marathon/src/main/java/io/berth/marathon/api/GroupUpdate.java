package io.berth.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.BerthException;
import io.berth.marathon.model.PathId;
import io.berth.state.apps.StoredGroup;
import io.berth.state.image.ClusterImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a GroupUpdate body into the edit of the root: apps and groups put (canonical, validated, children of their
 * group) and removed ({@code apps} and {@code groups} present replace the sets; absent keep them).
 */
final class GroupUpdate {
  private final ClusterImage image;
  private final AppsApi apps;

  GroupUpdate(ClusterImage image, AppsApi apps) {
    this.image = image;
    this.apps = apps;
  }

  void collect(String id, JsonNode body, String prefix, Map<String, ObjectNode> put,
      Set<String> removeApps, Map<String, StoredGroup> groups, Set<String> removeGroups, String version) {
    PathId.validateSegments(id).ifPresent(e -> {
      throw BerthException.invalid("Object is not valid", List.of(BerthException.Detail.of(prefix + "/id", e)));
    });
    List<String> deps = new ArrayList<>();
    body.path("dependencies").forEach(d -> deps.add(PathId.resolve(PathId.parent(id), d.asText())));
    StoredGroup old = image.apps().groups().get(id);
    if (!id.equals("/")) {
      groups.put(id, new StoredGroup(id, body.has("dependencies") ? deps : old == null ? List.of() : old.dependencies(),
          version, body.path("enforceRole").asBoolean(old != null && old.enforceRole())));
    }
    if (body.has("apps")) {
      Set<String> listed = new HashSet<>();
      int i = 0;
      for (JsonNode a : body.get("apps")) {
        String path = prefix + "/apps(" + i++ + ")";
        if (!a.isObject() || !a.hasNonNull("id")) {
          throw BerthException.invalid("Object is not valid", List.of(BerthException.Detail.of(path + "/id", "error.path.missing")));
        }
        String appId = PathId.resolve(id, a.get("id").asText());
        if (!PathId.parent(appId).equals(id)) {
          throw BerthException.invalid("Object is not valid", List.of(BerthException.Detail.of(path + "/id",
              "identifier " + appId + " is not child of " + id + ". Hint: use relative paths.")));
        }
        ObjectNode copy = ((ObjectNode) a).deepCopy();
        copy.put("id", appId);
        put.put(appId, apps.canonical(copy, id, path));
        listed.add(appId);
      }
      image.apps().apps().keySet().stream().filter(a -> PathId.parent(a).equals(id) && !listed.contains(a)).forEach(removeApps::add);
    }
    if (body.has("groups")) {
      Set<String> listed = new HashSet<>();
      int i = 0;
      for (JsonNode g : body.get("groups")) {
        String path = prefix + "/groups(" + i++ + ")";
        String gid = g.hasNonNull("id") ? PathId.resolve(id, g.get("id").asText()) : null;
        if (gid == null || !PathId.parent(gid).equals(id)) {
          throw BerthException.invalid("Object is not valid", List.of(BerthException.Detail.of(path + "/id",
              "identifier " + gid + " is not child of " + id + ". Hint: use relative paths.")));
        }
        listed.add(gid);
        collect(gid, g, path, put, removeApps, groups, removeGroups, version);
      }
      for (String existing : GroupsApi.groupIds(image)) {
        if (!existing.equals("/") && PathId.parent(existing).equals(id) && !listed.contains(existing)) {
          removeSubtree(image, existing, removeApps, removeGroups);
        }
      }
    }
  }

  static void removeSubtree(ClusterImage image, String id, Set<String> removeApps, Set<String> removeGroups) {
    image.apps().apps().keySet().stream().filter(a -> PathId.isWithin(a, id)).forEach(removeApps::add);
    GroupsApi.groupIds(image).stream().filter(g -> PathId.isWithin(g, id)).forEach(removeGroups::add);
  }
}

package io.berth.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.BerthException;
import io.berth.common.json.Json;
import io.berth.marathon.deploy.PodPlanner;
import io.berth.marathon.events.Timestamps;
import io.berth.state.StateWriter;
import io.berth.state.apps.AppsImage;
import io.berth.state.apps.AppsRecord;
import io.berth.state.apps.StoredDeployment;
import io.berth.state.apps.StoredGroup;
import io.berth.state.image.ClusterImage;
import io.berth.state.record.ChangeRecord;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The backup and restore of {@code DELETE /v2/leader?backup=...&restore=...}: the leading Marathon writes its apps,
 * groups and pods as one JSON document to a {@code file://} URI of its own machine, and a restore makes the
 * definitions of such a file the cluster's, deploying the difference (forced, as Marathon's restore replaces its whole
 * state) before the leader abdicates. Marathon's backups are tars of its ZooKeeper nodes; Berth's are its own format,
 * read only by Berth. A backup never replaces a file that is not a Berth backup, and a file that is not one is never
 * quoted in an error.
 */
final class MarathonBackup {
  static final String FORMAT = "berth-marathon-backup/1";

  /** The definitions a backup holds. */
  record Contents(Map<String, ObjectNode> apps, Map<String, StoredGroup> groups, Map<String, ObjectNode> pods) {}

  private MarathonBackup() {}

  /** The local file a {@code backup} or {@code restore} URI names; 400 for any other kind of URI. */
  static Path file(String parameter, String uri) {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw BerthException.badRequest(parameter + " must be a file:// URI, not '" + uri + "'");
    }
    if ("s3".equals(parsed.getScheme())) {
      throw BerthException.badRequest(parameter + ": s3:// URIs are not supported by Berth; use a file:// URI");
    }
    if (!"file".equals(parsed.getScheme()) || parsed.getPath() == null || !parsed.getPath().startsWith("/")
        || (parsed.getAuthority() != null && !parsed.getAuthority().equals("localhost"))) {
      throw BerthException.badRequest(parameter + " must be a file:// URI with an absolute path, not '" + uri + "'");
    }
    return Path.of(parsed.getPath()).normalize();
  }

  /** The document a backup file holds. */
  static ObjectNode document(AppsImage apps, Instant at) {
    ObjectNode doc = JsonNodeFactory.instance.objectNode().put("format", FORMAT).put("createdAt", Timestamps.format(at));
    ObjectNode a = doc.putObject("apps");
    apps.apps().forEach(a::set);
    ObjectNode g = doc.putObject("groups");
    apps.groups().forEach((id, group) -> g.set(id, Json.mapper().valueToTree(group)));
    ObjectNode p = doc.putObject("pods");
    apps.pods().forEach(p::set);
    return doc;
  }

  /** Writes the backup (a temporary file moved into place); 400 when the place cannot take it. */
  static void write(Path file, AppsImage apps, Instant at) {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !isBackup(file)) {
      throw BerthException.badRequest("backup: " + file + " exists and is not a Berth backup; it is left as it is");
    }
    Path parent = file.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw BerthException.badRequest("backup: the directory of " + file + " does not exist on the leading master");
    }
    try {
      Path tmp = Files.createTempFile(parent, ".marathon-backup", ".tmp");
      try {
        Files.write(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(document(apps, at)));
        try {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw BerthException.badRequest("backup: could not write " + file + ": " + e.getMessage());
    }
  }

  private static boolean isBackup(Path file) {
    try {
      return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          && FORMAT.equals(Json.mapper().readTree(file.toFile()).path("format").asText());
    } catch (IOException e) {
      return false;
    }
  }

  /** Reads a backup; 400 (without quoting the file) when it is missing or not a Berth backup. */
  static Contents read(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw BerthException.badRequest("restore: " + file + " is not a readable file on the leading master");
    }
    JsonNode doc;
    try {
      doc = Json.mapper().readTree(file.toFile());
    } catch (IOException e) {
      doc = null;
    }
    if (doc == null || !FORMAT.equals(doc.path("format").asText())) {
      throw BerthException.badRequest("restore: " + file + " is not a Berth Marathon backup (format " + FORMAT + ")");
    }
    Map<String, ObjectNode> apps = objects(doc.path("apps"), file);
    Map<String, ObjectNode> pods = objects(doc.path("pods"), file);
    Map<String, StoredGroup> groups = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : doc.path("groups").properties()) {
      try {
        groups.put(e.getKey(), Json.mapper().treeToValue(e.getValue(), StoredGroup.class));
      } catch (IOException ex) {
        throw BerthException.badRequest("restore: group " + e.getKey() + " of " + file + " is damaged");
      }
    }
    return new Contents(apps, groups, pods);
  }

  private static Map<String, ObjectNode> objects(JsonNode node, Path file) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!(e.getValue() instanceof ObjectNode o) || !e.getKey().equals(o.path("id").asText())) {
        throw BerthException.badRequest("restore: " + e.getKey() + " of " + file + " is damaged");
      }
      out.put(e.getKey(), o);
    }
    return out;
  }

  /**
   * The state change that makes the backup's definitions the cluster's, as one atomic write: the apps and groups as
   * one forced root change (its deployment stops, starts, scales and restarts apps), each pod that differs with its
   * own forced pod deployment. The result is the ids of the deployments it started.
   */
  static StateWriter.Write<List<String>> restore(ClusterImage image, Contents backup, Instant now, Supplier<String> ids) {
    AppsImage current = image.apps();
    List<ChangeRecord> records = new ArrayList<>();
    List<String> deployments = new ArrayList<>();
    Set<String> removeApps = new LinkedHashSet<>(current.apps().keySet());
    removeApps.removeAll(backup.apps().keySet());
    Set<String> removeGroups = new LinkedHashSet<>(current.groups().keySet());
    removeGroups.removeAll(backup.groups().keySet());
    removeGroups.remove("/");
    Map<String, ObjectNode> putApps = new LinkedHashMap<>();
    backup.apps().forEach((id, app) -> putApps.put(id, app.deepCopy()));
    String rootDeployment = ids.get();
    StateWriter.Write<RootEdit.Result> root = new RootEdit(putApps, removeApps, backup.groups(), removeGroups, Set.of())
        .apply(image, now, rootDeployment, true);
    records.addAll(root.records());
    if (!root.result().plan().steps().isEmpty()) {
      deployments.add(rootDeployment);
    }
    Set<String> podIds = new LinkedHashSet<>(current.pods().keySet());
    podIds.addAll(backup.pods().keySet());
    String version = Timestamps.format(now);
    for (String id : podIds) {
      JsonNode before = current.pods().get(id);
      ObjectNode after = backup.pods().get(id) == null ? null : backup.pods().get(id).deepCopy();
      if (after != null) {
        after.put("version", before != null && sameDefinition(before, after) ? before.path("version").asText() : version);
      }
      String deploymentId = ids.get();
      StoredDeployment plan = PodPlanner.plan(deploymentId, version, id, before, after, now);
      if (plan.steps().isEmpty() && (after == null || after.equals(before))) {
        continue;
      }
      List<String> cancelled = plan.steps().isEmpty() ? List.of() : current.deployments().values().stream()
          .filter(d -> d.affects(id)).map(StoredDeployment::id).toList();
      records.add(new AppsRecord.RootChanged(null, null, after == null ? null : Map.of(id, after),
          after == null ? List.of(id) : null, null, null, cancelled, plan.steps().isEmpty() ? null : plan, now));
      if (!plan.steps().isEmpty()) {
        deployments.add(deploymentId);
      }
    }
    return StateWriter.Write.of(deployments, records);
  }

  private static boolean sameDefinition(JsonNode a, JsonNode b) {
    ObjectNode x = a.deepCopy();
    ObjectNode y = b.deepCopy();
    x.remove("version");
    y.remove("version");
    return x.equals(y);
  }
}

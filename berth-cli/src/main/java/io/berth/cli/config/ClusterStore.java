package io.berth.cli.config;

import io.berth.cli.CliFailure;
import io.berth.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CLI's configuration folder ({@code ~/.berth}, {@code BERTH_CONFIG_DIR} or {@code --config-dir}): one folder per
 * cluster under {@code clusters/<id>/} with {@code cluster.json}, the pinned {@code ca.crt}, the login {@code token} and,
 * for the one cluster commands talk to, an {@code attached} marker. Folders are 0700 and files 0600.
 */
public final class ClusterStore {
  private final Path root;

  public ClusterStore(Path root) {
    this.root = root;
  }

  /** The folder from the flag, else {@code BERTH_CONFIG_DIR}, else {@code ~/.berth}. */
  public static Path resolve(Path flag, Map<String, String> env, String userHome) {
    if (flag != null) {
      return flag;
    }
    String fromEnv = env.get("BERTH_CONFIG_DIR");
    return fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : Path.of(userHome, ".berth");
  }

  public Path root() {
    return root;
  }

  private Path clusters() {
    return root.resolve("clusters");
  }

  private Path folder(String id) {
    return clusters().resolve(id);
  }

  /** Every set-up cluster, by name. */
  public List<ClusterConfig> list() {
    if (!Files.isDirectory(clusters())) {
      return List.of();
    }
    List<ClusterConfig> all = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(clusters())) {
      for (Path dir : dirs.sorted().toList()) {
        Path file = dir.resolve("cluster.json");
        if (Files.isRegularFile(file)) {
          all.add(Json.read(Files.readAllBytes(file), ClusterConfig.class));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    all.sort(Comparator.comparing(ClusterConfig::name).thenComparing(ClusterConfig::id));
    return all;
  }

  /** The cluster named {@code nameOrId} (a name, an id or a unique id prefix); a usage failure when there is none. */
  public ClusterConfig find(String nameOrId) {
    List<ClusterConfig> all = list();
    List<ClusterConfig> byName = all.stream().filter(c -> c.name().equals(nameOrId) || c.id().equals(nameOrId)).toList();
    if (byName.size() == 1) {
      return byName.getFirst();
    }
    if (byName.size() > 1) {
      throw CliFailure.usage("several clusters are named '" + nameOrId + "': use the id (berth cluster list)");
    }
    List<ClusterConfig> byPrefix = all.stream().filter(c -> c.id().startsWith(nameOrId)).toList();
    if (byPrefix.size() == 1) {
      return byPrefix.getFirst();
    }
    throw CliFailure.usage("no cluster '" + nameOrId + "' is set up (berth cluster list shows them)");
  }

  public Optional<ClusterConfig> attached() {
    return list().stream().filter(c -> Files.exists(folder(c.id()).resolve("attached"))).findFirst();
  }

  /** The attached cluster; a usage failure that says what to do when there is none. */
  public ClusterConfig requireAttached() {
    return attached().orElseThrow(() -> list().isEmpty()
        ? CliFailure.usage("no cluster is set up: run 'berth cluster setup <url>'")
        : CliFailure.usage("no cluster is attached: run 'berth cluster attach <name>'"));
  }

  public void save(ClusterConfig config) {
    write(folder(config.id()).resolve("cluster.json"), Json.write(config));
  }

  public void saveCa(String id, byte[] pem) {
    write(folder(id).resolve("ca.crt"), pem);
  }

  public byte[] ca(String id) {
    return read(folder(id).resolve("ca.crt"))
        .orElseThrow(() -> CliFailure.usage("the CA bundle of cluster " + id + " is missing: run 'berth cluster setup' again"));
  }

  public void saveToken(String id, String token) {
    write(folder(id).resolve("token"), token.getBytes(StandardCharsets.UTF_8));
  }

  public Optional<String> token(String id) {
    return read(folder(id).resolve("token")).map(b -> new String(b, StandardCharsets.UTF_8).strip()).filter(t -> !t.isEmpty());
  }

  public void removeToken(String id) {
    delete(folder(id).resolve("token"));
  }

  /** Makes {@code id} the one attached cluster. */
  public void attach(String id) {
    for (ClusterConfig c : list()) {
      delete(folder(c.id()).resolve("attached"));
    }
    write(folder(id).resolve("attached"), new byte[0]);
  }

  /** Forgets a cluster: its folder with the token and the CA bundle. */
  public void remove(String id) {
    Path dir = folder(id);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<byte[]> read(Path file) {
    try {
      return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes atomically; the folders are created 0700 and the file is 0600 before it gets its name. */
  private void write(Path file, byte[] content) {
    try {
      for (Path dir : List.of(root, clusters(), file.getParent())) {
        if (!Files.isDirectory(dir)) {
          Files.createDirectories(dir);
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
      }
      Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(tmp, content);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw CliFailure.usage("cannot write " + file + ": " + e.getMessage());
    }
  }
}

package io.berth.agent.task;

import io.berth.api.cluster.CommandInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Mesos fetcher: downloads a task's URIs ({@code http}, {@code https}, {@code file} or a plain path) into its
 * sandbox before the container starts, names them {@code outputFile} (Marathon's {@code destPath}) or the URI's
 * last segment, extracts archives ({@code .tar}, {@code .tar.gz}/{@code .tgz}, {@code .tar.bz2}, {@code .tar.xz},
 * {@code .zip}, {@code .gz}) when asked and marks files executable when asked. Runs on an I/O thread.
 */
final class Fetcher {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NORMAL).build();

  private Fetcher() {}

  /** Fetches all URIs; the first failure stops the launch with its message. */
  static void fetch(List<CommandInfo.FetchUri> uris, Path sandbox) {
    for (CommandInfo.FetchUri uri : uris) {
      try {
        fetchOne(uri, sandbox);
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException("Failed to fetch '" + uri.value() + "': " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Fetching '" + uri.value() + "' was interrupted", e);
      }
    }
  }

  private static void fetchOne(CommandInfo.FetchUri uri, Path sandbox) throws IOException, InterruptedException {
    String value = uri.value();
    String name = uri.outputFile() != null && !uri.outputFile().isBlank() ? uri.outputFile() : lastSegment(value);
    Path target = sandbox.resolve(name).normalize();
    if (!target.startsWith(sandbox)) {
      throw new IllegalArgumentException("destination " + name + " lies outside the sandbox");
    }
    Files.createDirectories(target.getParent());
    String scheme = value.contains("://") ? value.substring(0, value.indexOf("://")).toLowerCase(Locale.ROOT) : "file";
    switch (scheme) {
      case "http", "https" -> {
        HttpResponse<Path> r = HTTP.send(HttpRequest.newBuilder(URI.create(value)).timeout(Duration.ofMinutes(5)).GET().build(),
            HttpResponse.BodyHandlers.ofFile(target));
        if (r.statusCode() / 100 != 2) {
          Files.deleteIfExists(target);
          throw new IOException("HTTP " + r.statusCode());
        }
      }
      case "file" -> Files.copy(Path.of(value.startsWith("file://") ? URI.create(value).getPath() : value), target,
          StandardCopyOption.REPLACE_EXISTING);
      default -> throw new IllegalArgumentException("unsupported URI scheme " + scheme);
    }
    if (uri.extract() && extract(target, sandbox)) {
      return;
    }
    if (uri.executable()) {
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  private static String lastSegment(String value) {
    String path = value.contains("://") ? URI.create(value).getPath() : value;
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("the URI names no file");
    }
    return name;
  }

  /** Extracts a known archive into the sandbox; false when the file is no archive. */
  private static boolean extract(Path file, Path sandbox) throws IOException, InterruptedException {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".tar") || n.endsWith(".tar.gz") || n.endsWith(".tgz") || n.endsWith(".tar.bz2") || n.endsWith(".tbz2")
        || n.endsWith(".tar.xz") || n.endsWith(".txz")) {
      Process p = new ProcessBuilder("tar", "-xf", file.toString(), "-C", sandbox.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new IOException("tar failed: " + out.strip());
      }
      return true;
    }
    if (n.endsWith(".zip")) {
      try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
          Path out = sandbox.resolve(e.getName()).normalize();
          if (!out.startsWith(sandbox)) {
            throw new IOException("zip entry " + e.getName() + " lies outside the sandbox");
          }
          if (e.isDirectory()) {
            Files.createDirectories(out);
          } else {
            Files.createDirectories(out.getParent());
            Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      return true;
    }
    if (n.endsWith(".gz")) {
      Path out = file.resolveSibling(file.getFileName().toString().substring(0, file.getFileName().toString().length() - 3));
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
      }
      return true;
    }
    return false;
  }
}

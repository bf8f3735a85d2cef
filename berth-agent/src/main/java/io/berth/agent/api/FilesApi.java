package io.berth.agent.api;

import io.berth.common.error.BerthException;
import io.berth.http.Request;
import io.berth.http.Response;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Mesos' files API over the task sandboxes: {@code /files/browse}, {@code /files/read} and
 * {@code /files/download}, with the same parameters and answers. Only paths inside a task sandbox are served
 * ({@link SandboxPaths}).
 */
public final class FilesApi {
  /** The most {@code /files/read} returns at once (Mesos: 16 pages). */
  public static final int MAX_READ = 16 * 4096;

  private final SandboxPaths paths;

  /** One entry of a directory listing. */
  public record FileEntry(String path, long nlink, long size, long mtime, String mode, String uid, String gid) {}

  /** A piece of a file: {@code data} read at {@code offset}. */
  public record FileChunk(String data, long offset) {}

  public FilesApi(Path sandboxesRoot) {
    this.paths = new SandboxPaths(sandboxesRoot);
  }

  /** {@code GET /files/browse?path=DIR}: the entries of a directory (or the one entry of a file). */
  public Response browse(Request request) throws IOException {
    SandboxPaths.Resolved target = paths.resolve(request.query("path").orElse(null));
    List<FileEntry> entries = new ArrayList<>();
    if (Files.isDirectory(target.real())) {
      try (Stream<Path> children = Files.list(target.real())) {
        for (Path child : children.sorted().toList()) {
          String shown = target.shown().equals("/") ? "/" : target.shown() + "/";
          entry(child, shown + child.getFileName()).ifPresent(entries::add);
        }
      }
    } else {
      entry(target.real(), target.shown()).ifPresent(entries::add);
    }
    return Response.ok(entries);
  }

  /** {@code GET /files/read?path=FILE&offset=N&length=M}; offset -1 (or none) asks for the size. */
  public Response read(Request request) throws IOException {
    long offset = request.queryLong("offset").orElse(-1L);
    long length = request.queryLong("length").orElse(-1L);
    if (offset < -1) {
      throw BerthException.badRequest("Negative offset " + offset + " (only -1, meaning the file size, is allowed)");
    }
    if (length < -1) {
      throw BerthException.badRequest("Negative length " + length + " (only -1, meaning the rest, is allowed)");
    }
    SandboxPaths.Resolved target = paths.resolve(request.query("path").orElse(null));
    if (Files.isDirectory(target.real())) {
      throw BerthException.badRequest("Cannot read a directory");
    }
    try (FileChannel ch = FileChannel.open(target.real(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = ch.size();
      if (offset == -1 || offset >= size) {
        return Response.ok(new FileChunk("", size));
      }
      long wanted = length == -1 ? size - offset : length;
      int count = (int) Math.min(Math.min(wanted, size - offset), MAX_READ);
      ByteBuffer buffer = ByteBuffer.allocate(count);
      while (buffer.hasRemaining() && ch.read(buffer, offset + buffer.position()) > 0) {
        // read until full or end of file
      }
      return Response.ok(new FileChunk(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8),
          offset));
    }
  }

  /** {@code GET /files/download?path=FILE}: the raw bytes as an attachment. */
  public Response download(Request request) {
    SandboxPaths.Resolved target = paths.resolve(request.query("path").orElse(null));
    if (Files.isDirectory(target.real())) {
      throw BerthException.badRequest("Cannot download a directory");
    }
    String name = target.real().getFileName().toString().replaceAll("[\"\\\\\\p{Cntrl}]", "_");
    return new Response.Stream(200, "application/octet-stream",
        Map.of("Content-Disposition", "attachment; filename=\"" + name + "\""),
        out -> {
          try (var in = Files.newInputStream(target.real(), LinkOption.NOFOLLOW_LINKS)) {
            in.transferTo(out);
          }
        });
  }

  private static java.util.Optional<FileEntry> entry(Path file, String shown) {
    try {
      PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      Object nlink = Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
      char type = a.isDirectory() ? 'd' : a.isSymbolicLink() ? 'l' : '-';
      return java.util.Optional.of(new FileEntry(shown, ((Number) nlink).longValue(), a.size(),
          a.lastModifiedTime().toMillis() / 1000, type + PosixFilePermissions.toString(a.permissions()),
          a.owner().getName(), a.group().getName()));
    } catch (IOException | UnsupportedOperationException e) {
      return java.util.Optional.empty(); // vanished while listing, or not a POSIX file system
    }
  }
}

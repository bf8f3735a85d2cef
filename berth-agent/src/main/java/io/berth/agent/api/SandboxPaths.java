package io.berth.agent.api;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Decides which paths the files API may serve: only what lies inside one task sandbox ({@code <root>/<taskId>/...},
 * where {@code root} is {@code <workDir>/sandboxes}), however the request spells it. A path must be absolute and
 * have no {@code ..} segment (Jetty has already decoded {@code %2e%2e} to {@code ..} by the time it gets here);
 * it is normalised (double slashes, {@code .}) and must lie under a task sandbox; then its real path (symlinks
 * resolved) must still lie inside that same sandbox, so a symlink a task made cannot lead out of it.
 */
final class SandboxPaths {
  private final Path root;

  /** A served path: as the client named it (normalised) and the real file. */
  record Resolved(String shown, Path real) {}

  SandboxPaths(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Resolved resolve(String requested) {
    if (requested == null || requested.isEmpty()) {
      throw BerthException.badRequest("Expecting 'path=value' in query");
    }
    if (requested.indexOf('\0') >= 0) {
      throw BerthException.badRequest("The path contains a NUL character");
    }
    if (!requested.startsWith("/")) {
      throw forbidden(requested, "only absolute paths inside task sandboxes are served");
    }
    for (String segment : requested.split("/")) {
      if (segment.equals("..")) {
        throw forbidden(requested, "'..' is not allowed");
      }
    }
    Path path;
    try {
      path = Path.of(requested).normalize();
    } catch (InvalidPathException e) {
      throw BerthException.badRequest("Invalid path '" + requested + "': " + e.getReason());
    }
    if (!path.startsWith(root) || path.getNameCount() <= root.getNameCount()) {
      throw forbidden(requested, "it is outside the task sandboxes");
    }
    Path sandbox = root.resolve(path.getName(root.getNameCount()));
    try {
      Path realSandbox = sandbox.toRealPath();
      Path real = path.toRealPath();
      if (!real.startsWith(realSandbox)) {
        throw forbidden(requested, "it leads outside its task sandbox");
      }
      return new Resolved(path.toString(), real);
    } catch (NoSuchFileException e) {
      throw BerthException.notFound("No such file or directory: '" + requested + "'");
    } catch (IOException e) {
      throw new BerthException(ErrorCode.INTERNAL, "Cannot resolve '" + requested + "': " + e.getMessage(), e);
    }
  }

  private static BerthException forbidden(String requested, String why) {
    return BerthException.forbidden("Access to '" + requested + "' is not allowed: " + why);
  }
}

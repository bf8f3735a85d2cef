package io.berth.iam;

import io.berth.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The bootstrap superuser's credentials, kept in a JSON file {@code {"uid": "...", "password": "..."}} readable by
 * its owner only (mode 0600). Made once with a random password; read again on every start.
 */
public record AdminCredentials(String uid, String password) {
  public static final String DEFAULT_UID = "bootstrapuser";

  /** Reads the file, or creates it with a new random password. */
  public static AdminCredentials readOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        AdminCredentials c = Json.read(Files.readAllBytes(file), AdminCredentials.class);
        if (c.uid() == null || c.password() == null) {
          throw new IllegalStateException(file + " must hold {\"uid\": ..., \"password\": ...}");
        }
        return c;
      }
      byte[] random = new byte[18];
      new SecureRandom().nextBytes(random);
      AdminCredentials created = new AdminCredentials(DEFAULT_UID, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(tmp, Json.write(created));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
  }
}

package io.berth.iam;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Hashes passwords with bcrypt (BouncyCastle's {@link OpenBSDBCrypt}, {@code $2y$} hashes with a random salt).
 * bcrypt reads at most 72 bytes of a password, so longer passwords are refused rather than silently cut.
 */
public final class PasswordHasher {
  /** The longest password bcrypt reads in full. */
  public static final int MAX_PASSWORD_BYTES = 72;
  private final int cost;
  private final SecureRandom random = new SecureRandom();

  /** @param cost bcrypt's log2 work factor: 10 in production (about 50 ms a hash), 4 in tests */
  public PasswordHasher(int cost) {
    if (cost < 4 || cost > 31) {
      throw new IllegalArgumentException("bcrypt cost must be between 4 and 31");
    }
    this.cost = cost;
  }

  public String hash(String password) {
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      throw IamErrors.invalid("Password must be at most " + MAX_PASSWORD_BYTES + " bytes long");
    }
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, cost);
  }

  /** True if {@code password} matches {@code hash}; false for a malformed hash or an over-long password. */
  public boolean matches(String hash, String password) {
    if (hash == null || password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      return false;
    }
    try {
      return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}

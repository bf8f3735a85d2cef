package io.berth.iam;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * A service account's secret in DC/OS's format ({@code {"scheme": "RS256", "uid", "private_key", "login_endpoint"}}),
 * kept in a file readable by its owner only (mode 0600). The cluster's own components (agents) log in with one;
 * {@code berth up} makes it, and the masters create the account from its public key at bootstrap.
 */
public record ServiceAccountSecret(String scheme, String uid, @JsonProperty("private_key") String privateKey,
    @JsonProperty("login_endpoint") String loginEndpoint) {
  /** The account the agents share. */
  public static final String AGENT_UID = "berth-agent";

  /** Reads the file, or creates it with a new 2048-bit RSA key for {@code uid}. */
  public static ServiceAccountSecret readOrCreate(Path file, String uid, String loginEndpoint) {
    try {
      if (Files.exists(file)) {
        return read(file);
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
          .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
      ServiceAccountSecret created = new ServiceAccountSecret("RS256", IamCommands.checkUid(uid), pem, loginEndpoint);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(tmp, Json.write(created));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
    }
  }

  /** Reads a secret file; a file that is not one is an error naming it. */
  public static ServiceAccountSecret read(Path file) {
    try {
      ServiceAccountSecret secret = Json.read(Files.readAllBytes(file), ServiceAccountSecret.class);
      if (secret.uid() == null || secret.privateKey() == null || (secret.scheme() != null && !"RS256".equals(secret.scheme()))) {
        throw new IllegalStateException(file + " must hold {\"scheme\": \"RS256\", \"uid\": ..., \"private_key\": ...}");
      }
      secret.key();
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The private key. */
  public RSAPrivateCrtKey key() {
    try {
      String body = privateKey.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new IllegalStateException("the private key of service account " + uid + " is not a PKCS#8 RSA key", e);
    }
  }

  /** The public key in PEM, as IAM keeps it for the account. */
  public String publicKeyPem() {
    RSAPrivateCrtKey key = key();
    try {
      return TokenKeys.toPem((RSAPublicKey) KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot derive the public key of " + uid, e);
    }
  }
}

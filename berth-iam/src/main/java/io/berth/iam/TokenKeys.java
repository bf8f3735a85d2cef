package io.berth.iam;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.berth.state.iam.SigningKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** RSA keys of IAM: the token signing key (made once per cluster), service account public keys, the JWKS. */
public final class TokenKeys {
  private TokenKeys() {}

  /** A new 2048-bit RSA signing key with the given key id. */
  public static SigningKey generate(String kid) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      Base64.Encoder b64 = Base64.getEncoder();
      return new SigningKey(kid, b64.encodeToString(pair.getPrivate().getEncoded()),
          b64.encodeToString(pair.getPublic().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
    }
  }

  public static RSAPrivateKey privateKey(SigningKey key) {
    try {
      return (RSAPrivateKey) KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(key.privateKey())));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the signing key in the cluster state is broken", e);
    }
  }

  public static RSAPublicKey publicKey(SigningKey key) {
    try {
      return (RSAPublicKey) KeyFactory.getInstance("RSA")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKey())));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the signing key in the cluster state is broken", e);
    }
  }

  /** Parses a PEM SubjectPublicKeyInfo RSA key (a service account's); anything else is a 400. */
  public static RSAPublicKey parsePublicKeyPem(String pem) {
    String body = pem == null ? "" : pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
        .replaceAll("\\s", "");
    if (pem == null || !pem.contains("-----BEGIN PUBLIC KEY-----") || body.isEmpty()) {
      throw IamErrors.invalid("public_key must be an RSA public key in PEM format (-----BEGIN PUBLIC KEY-----)");
    }
    try {
      RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
      if (key.getModulus().bitLength() < 2048) {
        throw IamErrors.invalid("public_key must be an RSA key of at least 2048 bits");
      }
      return key;
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw IamErrors.invalid("public_key is not a valid RSA public key: " + e.getMessage());
    }
  }

  /** PEM text of an RSA public key. */
  public static String toPem(RSAPublicKey key) {
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .encodeToString(key.getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
  }

  /** The RFC 7517 key set IAM publishes at {@code /auth/jwks}. */
  public static Map<String, Object> jwks(SigningKey key) {
    RSAKey jwk = new RSAKey.Builder(publicKey(key)).keyID(key.kid()).algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE)
        .build();
    return Map.of("keys", List.of(jwk.toPublicJWK().toJSONObject()));
  }
}

package io.berth.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.berth.common.json.Json;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * Checks RS256 JWTs against one RSA public key: IAM's key for authentication tokens, a service account's key for
 * its service login tokens. Only {@code alg: RS256} is accepted (no {@code none}, no HMAC with the public key);
 * {@code uid} and {@code exp} are required, {@code nbf} is honoured, headers and tokens have a size limit. The
 * caller passes the time, so the checks are pure.
 */
public final class TokenVerifier {
  /** Longest token accepted, in characters. */
  public static final int MAX_TOKEN_CHARS = 8192;
  /** Longest encoded header accepted, in characters. */
  public static final int MAX_HEADER_CHARS = 1024;

  private final RSASSAVerifier verifier;

  public TokenVerifier(RSAPublicKey key) {
    this.verifier = new RSASSAVerifier(key);
  }

  public VerifiedToken verify(String token, Instant now) throws TokenRejected {
    return verify(token, now, null);
  }

  /**
   * As {@link #verify(String, Instant)}; with {@code maxLifetime} also refuses tokens whose lifetime ({@code exp}
   * minus {@code iat}, or minus now without {@code iat}) is longer, as IAM does for service login tokens.
   */
  public VerifiedToken verify(String token, Instant now, Duration maxLifetime) throws TokenRejected {
    if (token == null || token.isEmpty()) {
      throw new TokenRejected("no token");
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new TokenRejected("token longer than " + MAX_TOKEN_CHARS + " characters");
    }
    int dot = token.indexOf('.');
    if (dot < 0 || dot > MAX_HEADER_CHARS) {
      throw new TokenRejected(dot < 0 ? "not a JWT" : "header longer than " + MAX_HEADER_CHARS + " characters");
    }
    checkHeader(token.substring(0, dot));
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
      if (!jwt.verify(verifier)) {
        throw new TokenRejected("bad signature");
      }
    } catch (ParseException | JOSEException | IllegalStateException e) {
      throw new TokenRejected("cannot verify: " + e.getMessage());
    }
    JWTClaimsSet claims;
    String uid;
    try {
      claims = jwt.getJWTClaimsSet();
      uid = claims.getStringClaim("uid");
    } catch (ParseException e) {
      throw new TokenRejected("bad claims: " + e.getMessage());
    }
    if (uid == null || uid.isBlank()) {
      throw new TokenRejected("no uid claim");
    }
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw new TokenRejected("no exp claim");
    }
    if (!now.isBefore(exp.toInstant())) {
      throw new TokenRejected("expired at " + exp.toInstant());
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.isBefore(nbf.toInstant())) {
      throw new TokenRejected("not valid before " + nbf.toInstant());
    }
    if (maxLifetime != null) {
      Instant from = claims.getIssueTime() != null ? claims.getIssueTime().toInstant() : now;
      if (Duration.between(from, exp.toInstant()).compareTo(maxLifetime) > 0) {
        throw new TokenRejected("lifetime longer than " + maxLifetime.toMinutes() + " minutes");
      }
    }
    return new VerifiedToken(uid, exp.toInstant());
  }

  private static void checkHeader(String encoded) throws TokenRejected {
    JsonNode header;
    try {
      header = Json.tree(Base64.getUrlDecoder().decode(encoded));
    } catch (RuntimeException e) {
      throw new TokenRejected("header is not base64url JSON");
    }
    if (!"RS256".equals(header.path("alg").asText())) {
      throw new TokenRejected("alg " + header.path("alg") + " is not RS256");
    }
    if (header.has("crit")) {
      throw new TokenRejected("critical header parameters are not supported");
    }
  }
}

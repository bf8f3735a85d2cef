package io.berth.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.json.Json;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** Reads a login token's expiry ({@code exp} of the JWT's payload) without verifying it: the server does that. */
public final class Tokens {
  private Tokens() {}

  /** When the token expires; empty when it is not a JWT with an {@code exp}. */
  public static Optional<Instant> expiry(String token) {
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      JsonNode payload = Json.tree(Base64.getUrlDecoder().decode(parts[1]));
      return payload.hasNonNull("exp") ? Optional.of(Instant.ofEpochSecond(payload.get("exp").asLong())) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}

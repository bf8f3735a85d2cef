package io.berth.gateway;

import io.berth.http.RequestHead;
import io.berth.iam.TokenRejected;
import io.berth.iam.TokenVerifier;
import io.berth.iam.VerifiedToken;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds and checks the caller's token as Admin Router does: {@code Authorization: token=<jwt>}, then
 * {@code Authorization: Bearer <jwt>}, and only when there is no Authorization header the
 * {@code dcos-acs-auth-cookie}. A present but invalid header never falls back to the cookie. The
 * {@link TokenVerifier} of the current key remembers the tokens it checked, so a request costs no RSA check after
 * the first (and a new key starts with a new verifier: nothing checked against the old one is remembered).
 */
public final class Authenticator {
  public static final String COOKIE = "dcos-acs-auth-cookie";

  /** Who called, with which token, and whether it came in the cookie (then the gateway sends it as a header). */
  public record Caller(String uid, String token, boolean fromCookie) {}

  /** The token of a request, if it carries one; a malformed Authorization header yields an empty string. */
  static Optional<Token> token(RequestHead head) {
    Optional<String> authorization = head.header("authorization");
    if (authorization.isPresent()) {
      String value = authorization.get().strip();
      if (value.regionMatches(true, 0, "token=", 0, 6)) {
        return Optional.of(new Token(value.substring(6).strip(), false));
      }
      if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return Optional.of(new Token(value.substring(7).strip(), false));
      }
      return Optional.of(new Token("", false));
    }
    return cookie(head, COOKIE).map(t -> new Token(t, true));
  }

  record Token(String value, boolean fromCookie) {}

  static Optional<String> cookie(RequestHead head, String name) {
    for (String header : head.headers().getOrDefault("cookie", java.util.List.of())) {
      for (String part : header.split(";")) {
        String[] kv = part.strip().split("=", 2);
        if (kv.length == 2 && kv[0].equals(name) && !kv[1].isEmpty()) {
          return Optional.of(kv[1]);
        }
      }
    }
    return Optional.empty();
  }

  /** The caller, or the reason the request is not authenticated. */
  public Caller authenticate(RequestHead head, Optional<TokenVerifier> verifier, Instant now) throws TokenRejected {
    Token token = token(head).orElseThrow(() -> new TokenRejected("no token"));
    if (verifier.isEmpty()) {
      throw new TokenRejected("IAM has no signing key yet");
    }
    VerifiedToken known = verifier.get().verify(token.value(), now);
    return new Caller(known.uid(), token.value(), token.fromCookie());
  }
}

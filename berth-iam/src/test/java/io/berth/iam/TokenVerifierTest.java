package io.berth.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.berth.state.iam.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {
  static final SigningKey KEY = TokenKeys.generate("k1");
  static final SigningKey OTHER = TokenKeys.generate("k2");
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  final TokenVerifier verifier = new TokenVerifier(TokenKeys.publicKey(KEY));

  @Test
  void acceptsItsOwnTokensUntilTheyExpire() throws Exception {
    String token = new TokenSigner(KEY, Duration.ofDays(5)).issue("alice", NOW);
    assertThat(verifier.verify(token, NOW)).isEqualTo(new VerifiedToken("alice", NOW.plus(Duration.ofDays(5))));
    assertThatThrownBy(() -> verifier.verify(token, NOW.plus(Duration.ofDays(5)))).isInstanceOf(TokenRejected.class)
        .hasMessageContaining("expired");
  }

  @Test
  void rejectsEveryKnownAttack() throws Exception {
    for (String attack : Attacks.all(KEY, OTHER, NOW).values()) {
      assertThatThrownBy(() -> verifier.verify(attack, NOW)).as(attack).isInstanceOf(TokenRejected.class);
    }
  }

  @Test
  void serviceLoginTokensMayLiveTenMinutesAtMost() throws Exception {
    String ok = Attacks.sign(KEY, new JWTClaimsSet.Builder().claim("uid", "svc").expirationTime(Date.from(NOW.plusSeconds(600))).build());
    assertThat(verifier.verify(ok, NOW, Duration.ofMinutes(10)).uid()).isEqualTo("svc");
    String tooLong = Attacks.sign(KEY, new JWTClaimsSet.Builder().claim("uid", "svc").expirationTime(Date.from(NOW.plusSeconds(601))).build());
    assertThatThrownBy(() -> verifier.verify(tooLong, NOW, Duration.ofMinutes(10))).hasMessageContaining("lifetime");
  }

  @Test
  void aRememberedTokenHasItsTimesCheckedAtEveryUse() throws Exception {
    String later = Attacks.sign(KEY, new JWTClaimsSet.Builder().claim("uid", "bob")
        .notBeforeTime(Date.from(NOW.plusSeconds(60))).expirationTime(Date.from(NOW.plusSeconds(3600))).build());
    assertThatThrownBy(() -> verifier.verify(later, NOW)).hasMessageContaining("not valid before");
    assertThat(verifier.verify(later, NOW.plusSeconds(61)).uid()).isEqualTo("bob");
    assertThat(verifier.remembered()).isEqualTo(1);

    assertThatThrownBy(() -> verifier.verify(later, NOW)).as("remembered, still not valid yet")
        .hasMessageContaining("not valid before");
    assertThatThrownBy(() -> verifier.verify(later, NOW.plusSeconds(61), Duration.ofMinutes(10)))
        .as("remembered, but living longer than a service login token may").hasMessageContaining("lifetime");
    assertThatThrownBy(() -> verifier.verify(later, NOW.plusSeconds(3600))).hasMessageContaining("expired");
  }

  @Test
  void rejectedTokensAreNotRememberedAndRememberedOnesAreBounded() throws Exception {
    for (String attack : Attacks.all(KEY, OTHER, NOW).values()) {
      assertThatThrownBy(() -> verifier.verify(attack, NOW)).isInstanceOf(TokenRejected.class);
    }
    int signedAttacks = verifier.remembered(); // well signed but expired or not yet valid: their times fail each use
    TokenSigner signer = new TokenSigner(KEY, Duration.ofHours(1));
    String last = null;
    for (int i = 0; i <= TokenVerifier.REMEMBERED; i++) {
      last = signer.issue("user-" + i, NOW);
      verifier.verify(last, NOW);
    }
    assertThat(verifier.remembered()).isBetween(1, TokenVerifier.REMEMBERED);
    assertThat(verifier.verify(last, NOW).uid()).isEqualTo("user-" + TokenVerifier.REMEMBERED);
    assertThat(signedAttacks).isLessThan(Attacks.all(KEY, OTHER, NOW).size());
  }

  @Test
  void hmacWithThePublicKeyIsNotAccepted() throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().claim("uid", "x")
        .expirationTime(Date.from(NOW.plusSeconds(60))).build());
    jwt.sign(new MACSigner(Base64.getDecoder().decode(KEY.publicKey())));
    assertThatThrownBy(() -> verifier.verify(jwt.serialize(), NOW)).hasMessageContaining("RS256");
    assertThat(new String(Base64.getUrlDecoder().decode(jwt.serialize().split("\\.")[0]), StandardCharsets.UTF_8)).contains("HS256");
  }
}

package io.berth.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokensTest {
  static String jwt(String payload) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
  }

  @Test
  void theExpiryIsReadFromTheJwtPayload() {
    assertThat(Tokens.expiry(jwt("{\"uid\":\"a\",\"exp\":1700000000}"))).contains(Instant.ofEpochSecond(1700000000));
    assertThat(Tokens.expiry(jwt("{\"uid\":\"a\"}"))).isEmpty();
    assertThat(Tokens.expiry("not-a-jwt")).isEmpty();
    assertThat(Tokens.expiry("a.%%%.c")).isEmpty();
  }
}

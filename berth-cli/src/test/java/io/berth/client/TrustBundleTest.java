package io.berth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The CA bundle the CLI pins: parsing, the fingerprint users compare with openssl's, the TLS context. */
class TrustBundleTest {
  static byte[] pem() throws Exception {
    try (InputStream in = TrustBundleTest.class.getResourceAsStream("/tls/test-ca.crt")) {
      return in.readAllBytes();
    }
  }

  @Test
  void theFingerprintIsOpensslsSha256Fingerprint() throws Exception {
    TrustBundle bundle = TrustBundle.parse(pem());
    // openssl x509 -in test-ca.crt -noout -fingerprint -sha256
    assertThat(bundle.fingerprint())
        .isEqualTo("2C:BB:10:B0:A6:46:31:C9:CE:D8:E8:86:21:9B:1C:97:59:19:9A:CE:26:2E:1D:A8:C0:25:BB:3C:5E:B0:96:71");
    assertThat(bundle.certificates()).hasSize(1);
    assertThat(bundle.certificates().getFirst().getSubjectX500Principal().getName()).isEqualTo("CN=Test CA,O=Berth");
    assertThat(bundle.pem()).isEqualTo(pem());
    assertThat(bundle.sslContext().getProtocol()).isEqualTo("TLS");
  }

  @Test
  void somethingElseIsNotABundle() {
    assertThatThrownBy(() -> TrustBundle.parse("<html>not a certificate</html>".getBytes()))
        .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID));
    assertThatThrownBy(() -> TrustBundle.parse(new byte[0])).isInstanceOf(BerthException.class);
  }

  @Test
  void anUnreachableClusterIsUnavailable() {
    assertThatThrownBy(() -> TrustBundle.download("https://127.0.0.1:1", java.time.Duration.ofSeconds(2)))
        .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    assertThatThrownBy(() -> TrustBundle.download("not a url", java.time.Duration.ofSeconds(2)))
        .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
  }
}

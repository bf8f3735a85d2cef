package io.berth.client;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A cluster's CA bundle (PEM): parsing, its SHA-256 fingerprint as users compare it, a TLS context that trusts only
 * it, and the one unverified download of it from {@code /ca/dcos-ca.crt} that {@code cluster setup} pins.
 */
public final class TrustBundle {
  private final byte[] pem;
  private final List<X509Certificate> certificates;

  private TrustBundle(byte[] pem, List<X509Certificate> certificates) {
    this.pem = pem;
    this.certificates = certificates;
  }

  /** Parses a PEM bundle; fails with {@link ErrorCode#INVALID} when it holds no certificate. */
  public static TrustBundle parse(byte[] pem) {
    try {
      Collection<? extends Certificate> parsed = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem));
      List<X509Certificate> certs = new ArrayList<>();
      parsed.forEach(c -> certs.add((X509Certificate) c));
      if (certs.isEmpty()) {
        throw new BerthException(ErrorCode.INVALID, "the CA bundle holds no certificate");
      }
      return new TrustBundle(pem.clone(), List.copyOf(certs));
    } catch (GeneralSecurityException e) {
      throw new BerthException(ErrorCode.INVALID, "the CA bundle is not a PEM certificate: " + e.getMessage(), e);
    }
  }

  public byte[] pem() {
    return pem.clone();
  }

  public List<X509Certificate> certificates() {
    return certificates;
  }

  /** The SHA-256 fingerprint of the first certificate, as {@code openssl x509 -fingerprint -sha256} prints it. */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificates.getFirst().getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A TLS context that trusts exactly this bundle (hostnames are still verified by the HTTP client). */
  public SSLContext sslContext() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < certificates.size(); i++) {
        store.setCertificateEntry("berth-ca-" + i, certificates.get(i));
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build a TLS context from the CA bundle", e);
    }
  }

  /**
   * Downloads the CA bundle from {@code <url>/ca/dcos-ca.crt} without verifying the server (there is nothing to verify
   * against yet): the caller shows its fingerprint and pins it, and every later connection verifies against it.
   */
  public static TrustBundle download(String clusterUrl, Duration timeout) {
    String url = clusterUrl.replaceAll("/+$", "") + "/ca/dcos-ca.crt";
    try {
      SSLContext trustAll = SSLContext.getInstance("TLS");
      trustAll.init(null, new javax.net.ssl.TrustManager[] {new AcceptAny()}, null);
      HttpClient client = HttpClient.newBuilder().sslContext(trustAll).connectTimeout(timeout)
          .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NORMAL).build();
      HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (answer.statusCode() != 200) {
        throw new ApiException("GET", url, answer.statusCode(), new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
      }
      return parse(answer.body());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (java.io.IOException e) {
      throw new BerthException(ErrorCode.UNAVAILABLE, "GET " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BerthException(ErrorCode.UNAVAILABLE, "GET " + url + " interrupted", e);
    } catch (IllegalArgumentException e) {
      throw new BerthException(ErrorCode.BAD_REQUEST, "not a URL: " + clusterUrl, e);
    }
  }

  /** Accepts every certificate: used only for the one download whose result the user then pins by fingerprint. */
  private static final class AcceptAny extends X509ExtendedTrustManager {
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}

package io.berth.marathon.scheduler;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** The network probes of health and readiness checks run by the scheduler: HTTP(S) GET and TCP connect. */
final class Probes {
  /** What a probe saw: an HTTP status (0 for TCP), or the failure cause. */
  record Result(boolean connected, int status, String contentType, String body, String cause) {}

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private static final HttpClient HTTPS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .sslContext(trustAll()).followRedirects(HttpClient.Redirect.NEVER).build();

  private Probes() {}

  static Result http(boolean tls, String host, long port, String path, int timeoutSeconds) {
    String url = (tls ? "https" : "http") + "://" + host + ":" + port + (path.startsWith("/") ? path : "/" + path);
    try {
      HttpResponse<String> r = (tls ? HTTPS : HTTP).send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(Math.max(1, timeoutSeconds))).GET().build(), HttpResponse.BodyHandlers.ofString());
      return new Result(true, r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body(), null);
    } catch (IOException | IllegalArgumentException e) {
      return new Result(false, 0, null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(false, 0, null, null, "interrupted");
    }
  }

  static Result tcp(String host, long port, int timeoutSeconds) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, (int) port), Math.max(1, timeoutSeconds) * 1000);
      return new Result(true, 0, null, null, null);
    } catch (IOException e) {
      return new Result(false, 0, null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static SSLContext trustAll() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, new SecureRandom());
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException("no TLS", e);
    }
  }
}

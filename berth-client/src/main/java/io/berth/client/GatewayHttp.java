package io.berth.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.berth.common.json.Json;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Requests to a cluster through its gateway (Admin Router), as DC/OS clients make them: HTTPS verified against the
 * cluster's pinned CA bundle, the login token in {@code Authorization: token=...}, JSON in and out. Errors are
 * {@link ApiException} (the server answered) or {@link io.berth.common.error.BerthException} (it could not be reached).
 */
public final class GatewayHttp {
  private static final int RETRIES = 4;
  private static final long RETRY_PAUSE_NANOS = 250_000_000L;
  private final JsonHttp http;
  private final String baseUrl;
  private final String token;

  public GatewayHttp(JsonHttp http, String baseUrl, String token) {
    this.http = http;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.token = token;
  }

  /** A gateway client that trusts only {@code bundle} (or the JDK's trust store when it is null). */
  public static GatewayHttp connect(String baseUrl, TrustBundle bundle, String token, Duration timeout) {
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1);
    if (bundle != null) {
      client.sslContext(bundle.sslContext());
    }
    return new GatewayHttp(new JsonHttp(client.build(), timeout), baseUrl, token);
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** The same gateway with another token (after a login). */
  public GatewayHttp withToken(String newToken) {
    return new GatewayHttp(http, baseUrl, newToken);
  }

  public JsonNode get(String path) {
    return send("GET", path, null);
  }

  /** Sends {@code body} (JSON-encoded unless it is bytes) and returns the answer's JSON (a null node when empty). */
  public JsonNode send(String method, String path, Object body) {
    byte[] answer = exchange(method, path, body);
    return answer.length == 0 ? NullNode.getInstance() : Json.tree(answer);
  }

  /** The raw bytes of an answer (text endpoints). */
  public byte[] bytes(String method, String path) {
    return exchange(method, path, null);
  }

  /**
   * One request; a GET that meets a master between terms (307 to the leader, 503 while none leads) is tried again a
   * few times before its error is reported, as reads are safe to repeat.
   */
  private byte[] exchange(String method, String path, Object body) {
    for (int attempt = 1; ; attempt++) {
      try {
        return http.send(method, baseUrl + path, body, headers());
      } catch (ApiException e) {
        boolean transient_ = e.status() == 307 || e.status() == 503;
        if (!method.equals("GET") || !transient_ || attempt >= RETRIES) {
          throw e;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(RETRY_PAUSE_NANOS * attempt);
      }
    }
  }

  private Map<String, String> headers() {
    Map<String, String> headers = new HashMap<>();
    if (token != null) {
      headers.put("Authorization", "token=" + token);
    }
    return headers;
  }

  /** Percent-encodes one path segment or query value. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code ?name=value} or nothing when the value is absent. */
  public static String query(String name, Optional<?> value) {
    return value.map(v -> "?" + name + "=" + encode(String.valueOf(v))).orElse("");
  }
}

package io.berth.client;

import com.fasterxml.jackson.core.type.TypeReference;
import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.common.error.Failures;
import io.berth.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** JSON over the JDK's HttpClient: the one way Berth's clients talk HTTP. Non-2xx answers become {@link ApiException}. */
public final class JsonHttp {
  private final HttpClient client;
  private final Duration timeout;

  public JsonHttp(Duration timeout) {
    this(HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build(), timeout);
  }

  public JsonHttp(HttpClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  public <T> T get(String url, Class<T> type) {
    return Json.read(send("GET", url, null), type);
  }

  public <T> T get(String url, TypeReference<T> type) {
    return Json.read(send("GET", url, null), type);
  }

  public byte[] getBytes(String url) {
    return send("GET", url, null);
  }

  public <T> T post(String url, Object body, Class<T> type) {
    byte[] answer = send("POST", url, body);
    return type == Void.class || answer.length == 0 ? null : Json.read(answer, type);
  }

  public void post(String url, Object body) {
    send("POST", url, body);
  }

  public void delete(String url) {
    send("DELETE", url, null);
  }

  /** Sends a request and returns the body of a 2xx answer. {@code body} is JSON-encoded unless it is bytes. */
  public byte[] send(String method, String url, Object body) {
    return send(method, url, body, Map.of());
  }

  /** As {@link #send(String, String, Object)}, with extra request headers. */
  public byte[] send(String method, String url, Object body, Map<String, String> headers) {
    HttpResponse<byte[]> response = exchange(method, url, body, headers, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() / 100 != 2) {
      throw new ApiException(method, url, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    }
    return response.body();
  }

  /**
   * As {@link #send(String, String, Object)}, without waiting: the JDK client sets the exchange up and writes the
   * request on the calling thread as far as it can (with a direct executor, as the master's agent client has), and the
   * future completes with the body of a 2xx answer, or with {@link ApiException} or {@link BerthException}.
   */
  public CompletableFuture<byte[]> sendAsync(String method, String url, Object body) {
    HttpRequest request = request(method, url, body, Map.of()).timeout(timeout).build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, error) -> {
      if (error != null) {
        Throwable cause = Failures.unwrap(error);
        throw new BerthException(ErrorCode.UNAVAILABLE, method + " " + url + " failed: " + cause, cause);
      }
      if (response.statusCode() / 100 != 2) {
        throw new ApiException(method, url, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
      }
      return response.body();
    });
  }

  /** Opens a streaming response (event streams); the caller closes the stream. */
  public InputStream stream(String method, String url, Object body) {
    return openStream(method, url, body).body();
  }

  /** Opens a streaming response and gives its headers too; the caller closes the body. */
  public HttpResponse<InputStream> openStream(String method, String url, Object body) {
    HttpRequest request = request(method, url, body, Map.of()).timeout(Duration.ofDays(365)).build();
    try {
      HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() / 100 != 2) {
        try (InputStream in = response.body()) {
          throw new ApiException(method, url, response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      return response;
    } catch (IOException e) {
      throw new BerthException(ErrorCode.UNAVAILABLE, method + " " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BerthException(ErrorCode.UNAVAILABLE, method + " " + url + " interrupted", e);
    }
  }

  public <T> HttpResponse<T> exchange(String method, String url, Object body, Map<String, String> headers,
      HttpResponse.BodyHandler<T> handler) {
    try {
      return client.send(request(method, url, body, headers).timeout(timeout).build(), handler);
    } catch (IOException e) {
      throw new BerthException(ErrorCode.UNAVAILABLE, method + " " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BerthException(ErrorCode.UNAVAILABLE, method + " " + url + " interrupted", e);
    }
  }

  private static HttpRequest.Builder request(String method, String url, Object body, Map<String, String> headers) {
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body instanceof byte[] b ? b : Json.write(body));
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).method(method, publisher);
    if (body != null) {
      builder.header("Content-Type", "application/json");
    }
    headers.forEach(builder::header);
    return builder.header("Accept", "application/json");
  }
}

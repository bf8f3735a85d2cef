package io.berth.marathon.api;

import io.berth.http.Request;
import io.berth.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a master that does not lead does with Marathon requests (spec §0): it proxies them to the leader (adding
 * {@code X-Marathon-Via}), redirects the event stream there (302), and answers 502 when no leader is known.
 */
final class LeaderProxy {
  private static final Set<String> FORWARDED = Set.of("content-type", "accept", "authorization", "cookie");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final Supplier<Optional<String>> leader;
  private final String self;

  LeaderProxy(Supplier<Optional<String>> leader, String self) {
    this.leader = leader;
    this.self = self;
  }

  Response forward(Request r) {
    Optional<String> url = leader.get();
    if (url.isEmpty()) {
      return Response.json(502, ApiContext.message("Could not determine the current leader"));
    }
    if (r.header("x-marathon-via").isPresent()) {
      return Response.json(503, ApiContext.message("The leading master has not started Marathon yet; retry"));
    }
    String target = url.get() + r.path() + query(r.query());
    if (r.path().endsWith("/v2/events")) {
      return Response.redirect(302, target);
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(30))
        .method(r.method().name(), r.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(r.body()))
        .header("X-Marathon-Via", "1.1 " + self);
    r.headers().forEach((name, values) -> {
      if (FORWARDED.contains(name)) {
        values.forEach(v -> b.header(name, v));
      }
    });
    try {
      HttpResponse<byte[]> answer = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      Map<String, String> headers = new java.util.LinkedHashMap<>();
      for (String h : List.of("Marathon-Deployment-Id", "Location", "X-Marathon-Leader")) {
        answer.headers().firstValue(h).ifPresent(v -> headers.put(h, v));
      }
      headers.putIfAbsent("X-Marathon-Leader", url.get());
      return new Response.Bytes(answer.statusCode(), answer.headers().firstValue("content-type").orElse("application/json"),
          answer.body(), headers);
    } catch (IOException e) {
      return Response.json(502, ApiContext.message("Could not reach the leader " + url.get() + ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Response.json(502, ApiContext.message("Interrupted while proxying to the leader"));
    }
  }

  private static String query(Map<String, List<String>> query) {
    if (query.isEmpty()) {
      return "";
    }
    StringBuilder q = new StringBuilder();
    query.forEach((k, values) -> values.forEach(v -> q.append(q.isEmpty() ? "?" : "&")
        .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
    return q.toString();
  }
}

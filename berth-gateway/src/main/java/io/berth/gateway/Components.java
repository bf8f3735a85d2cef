package io.berth.gateway;

import io.berth.common.time.Ticker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the components behind the gateway listen, and whether they are there: a component with a probe path is
 * asked (at most every few seconds) and counts as absent while the probe fails or answers 404, so that routes to
 * components still being built answer 503 instead of the master's 404.
 */
public final class Components {
  private static final Duration PROBE_EVERY = Duration.ofSeconds(5);

  /** A component's base URL and, if its presence must be checked, the path to probe. */
  public record Endpoint(String baseUrl, String probePath) {}

  private record Seen(boolean up, long atNanos) {}

  private final Map<Component, Endpoint> endpoints;
  private final Ticker ticker;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<Component, Seen> seen = new ConcurrentHashMap<>();

  public Components(Map<Component, Endpoint> endpoints, Ticker ticker) {
    this.endpoints = endpoints.isEmpty() ? Map.of() : new EnumMap<>(endpoints);
    this.ticker = ticker;
  }

  /** The component's base URL if it is configured and present. */
  public Optional<URI> base(Component component) {
    Endpoint endpoint = endpoints.get(component);
    if (endpoint == null) {
      return Optional.empty();
    }
    if (endpoint.probePath() != null && !up(component, endpoint)) {
      return Optional.empty();
    }
    return Optional.of(URI.create(endpoint.baseUrl()));
  }

  private boolean up(Component component, Endpoint endpoint) {
    long now = ticker.nanos();
    Seen last = seen.get(component);
    if (last != null && now - last.atNanos() < PROBE_EVERY.toNanos()) {
      return last.up();
    }
    boolean up;
    try {
      HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + endpoint.probePath()))
          .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
      up = answer.statusCode() != 404;
    } catch (java.io.IOException e) {
      up = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      up = false;
    }
    seen.put(component, new Seen(up, now));
    return up;
  }
}

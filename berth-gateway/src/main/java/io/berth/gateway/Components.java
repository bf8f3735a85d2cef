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
  public record Endpoint(String baseUrl, String probePath) {
    URI base() {
      return URI.create(baseUrl);
    }
  }

  private record Seen(boolean up, long atNanos) {}

  private final Map<Component, Endpoint> endpoints;
  private final Ticker ticker;
  private final HttpClient client;
  private final java.util.function.Supplier<String> token;
  private final Map<Component, Seen> seen = new ConcurrentHashMap<>();
  private final Map<Component, URI> bases;

  public Components(Map<Component, Endpoint> endpoints, Ticker ticker) {
    this(endpoints, ticker, () -> null);
  }

  /** With {@code token}: the gateway's own calls to the components (probes, service lookups) carry it. */
  public Components(Map<Component, Endpoint> endpoints, Ticker ticker, java.util.function.Supplier<String> token) {
    this.endpoints = endpoints.isEmpty() ? Map.of() : new EnumMap<>(endpoints);
    this.ticker = ticker;
    this.token = token;
    this.client = new io.berth.http.AuthorizedHttpClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
        token);
    this.bases = new EnumMap<>(Component.class);
    this.endpoints.forEach((c, e) -> bases.put(c, e.base()));
  }

  /** The client of the gateway's own calls to the components (with its token, when it has one). */
  HttpClient client() {
    return client;
  }

  /** The gateway's own token for the internal APIs, or null (no internal authentication). */
  String token() {
    return token.get();
  }

  /** True when {@link #base} would have to probe the component first (it may then block for a moment). */
  public boolean mustProbe(Component component) {
    Endpoint endpoint = endpoints.get(component);
    if (endpoint == null || endpoint.probePath() == null) {
      return false;
    }
    Seen last = seen.get(component);
    return last == null || ticker.nanos() - last.atNanos() >= PROBE_EVERY.toNanos();
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
    return Optional.of(bases.get(component));
  }

  /** As {@link #base}, but never probes: what the last probe found (for decisions that must not block). */
  public Optional<URI> lastKnown(Component component) {
    Endpoint endpoint = endpoints.get(component);
    if (endpoint == null) {
      return Optional.empty();
    }
    Seen last = seen.get(component);
    if (endpoint.probePath() != null && (last == null || !last.up())) {
      return Optional.empty();
    }
    return Optional.of(bases.get(component));
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

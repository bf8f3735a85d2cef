package io.berth.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the {@link ReverseProxy} does with one request, as its {@link ProxyRouter} decided. */
public sealed interface ProxyDecision {
  /** Answer at once (errors, redirects, small documents). */
  record Answer(Response response) implements ProxyDecision {}

  /** Serve it in-process with these routes (the body is read whole, as by {@link HttpServer}). */
  record Serve(Routes routes) implements ProxyDecision {}

  /**
   * The router cannot decide without blocking (it must ask a component first): {@code decide} is called on a thread
   * that may block, and its decision is carried out.
   */
  record Defer(java.util.function.Supplier<ProxyDecision> decide) implements ProxyDecision {}

  /**
   * Pass it to {@code target} (scheme, host, port, path and query), streaming both ways without buffering:
   * server-sent events, chunked bodies and WebSocket upgrades pass through as they come.
   *
   * @param setHeaders request headers to set (replacing the client's)
   * @param removeHeaders request headers to drop (lower-case names)
   * @param idleTimeout how long the upstream may stay silent
   * @param locationPrefix if not null, {@code Location} headers of the answer that point at the upstream (absolute, or
   *     a path) are rewritten under this public prefix
   */
  record Forward(URI target, Map<String, String> setHeaders, List<String> removeHeaders, Duration idleTimeout,
      String locationPrefix) implements ProxyDecision {}
}

package io.berth.http;

/** Decides from a request's head what the {@link ReverseProxy} does with it. Must not block for long. */
@FunctionalInterface
public interface ProxyRouter {
  ProxyDecision route(RequestHead head);
}

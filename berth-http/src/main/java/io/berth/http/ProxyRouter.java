package io.berth.http;

/**
 * Decides from a request's head what the {@link ReverseProxy} does with it. It is called on a network thread and
 * must not block: a decision that needs I/O is returned as {@link ProxyDecision.Defer}.
 */
@FunctionalInterface
public interface ProxyRouter {
  ProxyDecision route(RequestHead head);
}

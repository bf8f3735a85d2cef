package io.berth.http;

import java.util.Optional;

/**
 * Looks at every request an {@link HttpServer} receives before it is routed, and may answer it instead (e.g. 401
 * without credentials). Called on the request's thread; may block briefly.
 */
@FunctionalInterface
public interface RequestFilter {
  /** Lets every request through. */
  RequestFilter NONE = head -> Optional.empty();

  /** Empty to let the request through; otherwise the answer it gets. */
  Optional<Response> refuse(RequestHead head);
}

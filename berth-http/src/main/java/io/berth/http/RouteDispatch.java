package io.berth.http;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.util.UrlEncoded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request from the routes of some APIs: finds the route (404, or 405 when the path exists with another
 * method), reads the body only then, runs the handler and renders errors in the shape of the API whose route
 * matched. Both servers use it: {@link HttpServer} for Berth's APIs, {@link ReverseProxy} for the APIs the gateway
 * serves itself.
 */
final class RouteDispatch {
  private static final Logger log = LoggerFactory.getLogger(RouteDispatch.class);

  /** Reads the request's whole body; a body over {@link HttpServer#MAX_BODY_BYTES} is a {@code TOO_LARGE} error. */
  @FunctionalInterface
  interface Body {
    byte[] read() throws java.io.IOException;
  }

  private RouteDispatch() {}

  /**
   * The answer of {@code apis} to a request whose head has passed any filter.
   *
   * @param rawQuery the query as sent (still encoded), or null
   */
  static Response answer(List<Routes> apis, RequestHead head, String rawQuery, Body body) {
    ErrorRenderer errors = apis.isEmpty() ? ErrorRenderer.json() : apis.getFirst().errors();
    try {
      Method method = parseMethod(head.method());
      String path = head.path();
      Optional<Routes.Match> match = Optional.empty();
      for (Routes api : apis) {
        match = api.match(method, path);
        if (match.isPresent()) {
          errors = api.errors();
          break;
        }
      }
      if (match.isEmpty()) {
        boolean otherMethod = apis.stream().anyMatch(a -> a.hasPath(path));
        throw new BerthException(otherMethod ? ErrorCode.METHOD_NOT_ALLOWED : ErrorCode.NOT_FOUND,
            otherMethod ? "Method " + method + " is not allowed on " + path : "No such endpoint: " + path);
      }
      Request request = new Request(method, path, match.get().params(), query(rawQuery), head.headers(), body.read(),
          head.remoteAddress());
      return match.get().handler().handle(request);
    } catch (BerthException e) {
      if (e.code() == ErrorCode.INTERNAL) {
        log.error("{} {} failed", head.method(), head.rawPathAndQuery(), e);
      }
      return errors.render(e);
    } catch (Exception | StackOverflowError | OutOfMemoryError e) {
      log.error("{} {} failed", head.method(), head.rawPathAndQuery(), e);
      return errors.render(new BerthException(ErrorCode.INTERNAL, "Internal error: " + e, e));
    }
  }

  /** The error a body over the limit gets. */
  static BerthException tooLarge() {
    return new BerthException(ErrorCode.TOO_LARGE, "Request body is larger than " + HttpServer.MAX_BODY_BYTES + " bytes");
  }

  private static Method parseMethod(String method) {
    try {
      return Method.valueOf(method.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BerthException(ErrorCode.METHOD_NOT_ALLOWED, "Method " + method + " is not supported");
    }
  }

  /** Query parameters decoded as UTF-8 form fields, in the order they first appear. */
  static Map<String, List<String>> query(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    try {
      UrlEncoded.decodeTo(rawQuery, (name, value) -> query.computeIfAbsent(name, k -> new ArrayList<>()).add(value),
          StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      throw BerthException.badRequest("The query string is not valid: " + e.getMessage());
    }
    query.replaceAll((name, values) -> List.copyOf(values));
    return query;
  }
}

package io.berth.http;

import io.berth.common.error.BerthException;
import io.berth.common.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as handlers see it: decoded path, the values of the route's {@code {params}}, query
 * parameters, headers (names lower-case) and the whole body.
 */
public record Request(
    Method method,
    String path,
    Map<String, String> pathParams,
    Map<String, List<String>> query,
    Map<String, List<String>> headers,
    byte[] body,
    String remoteAddress) {

  public String pathParam(String name) {
    String value = pathParams.get(name);
    if (value == null) {
      throw new IllegalArgumentException("route has no parameter " + name);
    }
    return value;
  }

  public Optional<String> query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  /** A required query parameter; its absence is a 400. */
  public String requireQuery(String name) {
    return query(name).orElseThrow(() -> BerthException.badRequest("Missing parameter '" + name + "'"));
  }

  /** A numeric query parameter; a value that is not a number is a 400. */
  public Optional<Long> queryLong(String name) {
    return query(name).map(v -> {
      try {
        return Long.parseLong(v.strip());
      } catch (NumberFormatException e) {
        throw BerthException.badRequest("Parameter '" + name + "' must be an integer, got '" + v + "'");
      }
    });
  }

  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  /** The body as JSON of the given type; an empty or broken body is a 400. */
  public <T> T json(Class<T> type) {
    if (body.length == 0) {
      throw BerthException.badRequest("Request body is empty; expected JSON");
    }
    return Json.read(body, type);
  }
}

package io.berth.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of one API and the error shape it answers with. Templates are paths whose segments are literals,
 * {@code {name}} (one segment) or, last, {@code {name...}} (the rest of the path).
 */
public final class Routes {
  private final ErrorRenderer errors;
  private final List<Route> routes;

  private Routes(ErrorRenderer errors, List<Route> routes) {
    this.errors = errors;
    this.routes = List.copyOf(routes);
  }

  public static Builder builder(ErrorRenderer errors) {
    return new Builder(errors);
  }

  public ErrorRenderer errors() {
    return errors;
  }

  /** The route for this method and path, with its path parameters. */
  Optional<Match> match(Method method, String path) {
    String[] segments = split(path);
    for (Route route : routes) {
      if (route.method == method || (method == Method.HEAD && route.method == Method.GET)) {
        Map<String, String> params = route.match(segments);
        if (params != null) {
          return Optional.of(new Match(route.handler, params));
        }
      }
    }
    return Optional.empty();
  }

  /** True when some route has this path with another method (so the answer is 405, not 404). */
  boolean hasPath(String path) {
    String[] segments = split(path);
    return routes.stream().anyMatch(r -> r.match(segments) != null);
  }

  record Match(Handler handler, Map<String, String> params) {}

  private static String[] split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }

  private record Route(Method method, String[] template, Handler handler) {
    Map<String, String> match(String[] segments) {
      Map<String, String> params = new HashMap<>();
      for (int i = 0; i < template.length; i++) {
        String t = template[i];
        if (t.startsWith("{") && t.endsWith("...}")) {
          params.put(t.substring(1, t.length() - 4), String.join("/", List.of(segments).subList(Math.min(i, segments.length), segments.length)));
          return params;
        }
        if (i >= segments.length) {
          return null;
        }
        if (t.startsWith("{") && t.endsWith("}")) {
          if (segments[i].isEmpty()) {
            return null;
          }
          params.put(t.substring(1, t.length() - 1), segments[i]);
        } else if (!t.equals(segments[i])) {
          return null;
        }
      }
      return segments.length == template.length ? params : null;
    }
  }

  public static final class Builder {
    private final ErrorRenderer errors;
    private final List<Route> routes = new ArrayList<>();

    private Builder(ErrorRenderer errors) {
      this.errors = errors;
    }

    public Builder route(Method method, String template, Handler handler) {
      routes.add(new Route(method, split(template), handler));
      return this;
    }

    public Builder get(String template, Handler handler) {
      return route(Method.GET, template, handler);
    }

    public Builder post(String template, Handler handler) {
      return route(Method.POST, template, handler);
    }

    public Builder put(String template, Handler handler) {
      return route(Method.PUT, template, handler);
    }

    public Builder delete(String template, Handler handler) {
      return route(Method.DELETE, template, handler);
    }

    public Routes build() {
      return new Routes(errors, routes);
    }
  }
}

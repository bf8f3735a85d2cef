package io.berth.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.UriCompliance;

/**
 * The {@link RequestHead} of a request the gateway's Netty listener decoded. The target is parsed, checked and
 * decoded by Jetty's {@link HttpURI} under the same {@link UriCompliance} as Berth's APIs ({@link HttpServer}), so
 * the gateway routes on exactly the path an API would see: dot segments resolved, ambiguous encodings refused.
 */
final class ProxyHeads {
  private ProxyHeads() {}

  /** The head, or empty when the target is not a path the gateway can route (answered 400). */
  static Optional<RequestHead> of(HttpRequest request, String remoteAddress, boolean secure) {
    HttpURI uri;
    try {
      uri = HttpURI.build(request.uri());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    String decoded;
    try {
      if (UriCompliance.checkUriCompliance(HttpServer.URI_COMPLIANCE, uri, null) != null || uri.getCanonicalPath() == null) {
        return Optional.empty();
      }
      decoded = uri.getDecodedPath();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    String raw = uri.getPath();
    if (raw == null || raw.isEmpty() || decoded == null) {
      return Optional.empty();
    }
    return Optional.of(new RequestHead(request.method().name(), decoded, raw, uri.getQuery(), headers(request),
        remoteAddress, secure));
  }

  /** A head for a request whose target could not be parsed: its raw target as the path, for the access log. */
  static RequestHead unparsable(HttpRequest request, String remoteAddress, boolean secure) {
    return new RequestHead(request.method().name(), request.uri(), request.uri(), null, headers(request), remoteAddress, secure);
  }

  private static Map<String, List<String>> headers(HttpRequest request) {
    return new HeaderView(request.headers());
  }

  /**
   * The request's headers as routers read them (names lower-case, values in order), without copying them per
   * request: lookups go to Netty's case-insensitive headers; the entries are copied only if someone iterates. It
   * shows the request as received: the gateway changes the headers only once the decision is carried out.
   */
  private static final class HeaderView extends AbstractMap<String, List<String>> {
    private final HttpHeaders headers;
    private Set<Entry<String, List<String>>> entries;

    HeaderView(HttpHeaders headers) {
      this.headers = headers;
    }

    @Override
    public List<String> get(Object key) {
      if (!(key instanceof String name)) {
        return null;
      }
      List<String> values = headers.getAll(name);
      return values.isEmpty() ? null : values;
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String name && headers.contains(name);
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
      if (entries == null) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : headers) {
          copy.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(h.getValue());
        }
        entries = java.util.Collections.unmodifiableMap(copy).entrySet();
      }
      return entries;
    }
  }
}

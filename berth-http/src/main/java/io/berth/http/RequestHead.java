package io.berth.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The head of a request as the gateway sees it before deciding anything: the method, the decoded path, the raw
 * (still encoded) path and query to pass upstream, headers (names lower-case), the client's address, and whether it
 * came over TLS.
 */
public record RequestHead(String method, String path, String rawPath, String rawQuery, Map<String, List<String>> headers,
    String remoteAddress, boolean secure) {

  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  /** The raw path with its query, as it goes upstream. */
  public String rawPathAndQuery() {
    return rawQuery == null || rawQuery.isEmpty() ? rawPath : rawPath + "?" + rawQuery;
  }
}

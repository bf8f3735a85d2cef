package io.berth.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection, so a proxy drops them — with the headers the
 * {@code Connection} header names — before passing a message on. Framing ({@code Content-Length},
 * {@code Transfer-Encoding}) stays: the gateway streams bodies through with the framing they came with.
 */
final class HopHeaders {
  private static final List<CharSequence> NAMES = List.of(HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE,
      HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.PROXY_AUTHENTICATE, "proxy-connection", HttpHeaderNames.TE,
      HttpHeaderNames.TRAILER, HttpHeaderNames.UPGRADE);

  private HopHeaders() {}

  static void strip(HttpHeaders headers) {
    String connection = headers.get(HttpHeaderNames.CONNECTION);
    if (connection != null) {
      for (String named : connection.split(",")) {
        String name = named.trim();
        if (!name.isEmpty() && !name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")) {
          headers.remove(name);
        }
      }
    }
    for (CharSequence name : NAMES) {
      headers.remove(name);
    }
  }
}

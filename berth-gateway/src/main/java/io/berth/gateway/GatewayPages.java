package io.berth.gateway;

import io.berth.http.RequestHead;
import io.berth.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The documents the gateway writes itself: the UI shell, the 401/403/503 pages, version and metadata. */
final class GatewayPages {
  static final String VERSION = "2.2.0";

  private GatewayPages() {}

  /** JSON clients (Accept: application/json without text/html) get {@code {title, description, code, message}}. */
  static Response forClient(RequestHead head, Response html, String code, String message) {
    String accept = head.header("accept").orElse("");
    if (!accept.contains("application/json") || accept.contains("text/html")) {
      return html;
    }
    return new Response.JsonBody(html.status(), Map.of("title", html.status() == 401 ? "Unauthorized" : html.status() == 403
        ? "Forbidden" : "Error", "description", message, "code", code, "message", message), html.headers());
  }

  static Response html(int status, String title, String body, Map<String, String> headers) {
    String page = "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title></head><body><h1>"
        + escape(title) + "</h1><p>" + escape(body) + "</p>" + (status == 401
        ? "<script>window.location = '/#/login?redirect=' + encodeURIComponent(window.location.pathname);</script>" : "")
        + "</body></html>";
    return new Response.Bytes(status, "text/html; charset=UTF-8", page.getBytes(StandardCharsets.UTF_8), headers);
  }

  static Response unauthorized() {
    return html(401, "401 Unauthorized", "Log in: POST /acs/api/v1/auth/login with {\"uid\", \"password\"}, then send "
        + "'Authorization: token=<token>'.", Map.of("WWW-Authenticate", "acsjwt"));
  }

  static Response forbidden(String uid, String rid) {
    return html(403, "403 Forbidden", "User '" + uid + "' lacks the permission " + rid + " (action full).", Map.of());
  }

  static Response unavailable(String message) {
    return html(503, "503 Service Unavailable", message, Map.of("Retry-After", "30"));
  }

  static Response notFound(String message) {
    return html(404, "404 Not Found", message, Map.of());
  }

  static Response ui() {
    return html(200, "Berth", "This is a Berth cluster. Log in with POST /acs/api/v1/auth/login; the APIs are under "
        + "/mesos, /marathon, /metronome, /service, /acs/api/v1 and /ca/api/v2.", Map.of("X-Frame-Options", "DENY"));
  }

  static Map<String, Object> version() {
    return Map.of("version", VERSION, "dcos-variant", "berth", "dcos-image-commit", "berth", "bootstrap-id", "berth");
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}

package io.berth.http;

import java.net.URI;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's streaming reverse proxy, pointed at the target of the request's {@link ProxyDecision.Forward}: sets and
 * drops the headers it names, adds {@code X-Forwarded-For}, {@code X-Forwarded-Proto} and {@code X-Real-IP} (as
 * Admin Router does), applies its idle timeout and rewrites {@code Location} under its public prefix.
 */
final class Forwarder extends ProxyHandler {
  private static ProxyDecision.Forward decision(Request request) {
    return (ProxyDecision.Forward) request.getAttribute(ReverseProxy.DECISION);
  }

  /** HTTP/1.1 to upstreams, many connections per upstream, a bounded connect time. */
  @Override
  protected HttpClient newHttpClient() {
    ClientConnector connector = new ClientConnector();
    connector.setSelectors(2);
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("gateway-client");
    connector.setExecutor(threads);
    HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP(connector);
    // the proxy's listeners only pass bytes on without blocking: upstream answers are handled on the network thread
    // that read them, without a hand-off to a pool thread (bench/gateway)
    transport.setInvocationType(org.eclipse.jetty.util.thread.Invocable.InvocationType.NON_BLOCKING);
    transport.setHeaderCacheSize(0);
    HttpClient client = new HttpClient(transport);
    client.setMaxConnectionsPerDestination(512);
    client.setConnectTimeout(5000);
    client.setIdleTimeout(60_000);
    return client;
  }

  @Override
  protected HttpURI rewriteHttpURI(Request request) {
    return HttpURI.from(decision(request).target());
  }

  @Override
  protected org.eclipse.jetty.client.Request newProxyToServerRequest(Request request, HttpURI target) {
    ProxyDecision.Forward f = decision(request);
    org.eclipse.jetty.client.Request upstream = super.newProxyToServerRequest(request, target);
    upstream.idleTimeout(f.idleTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    return upstream;
  }

  @Override
  protected void copyRequestHeaders(Request request, org.eclipse.jetty.client.Request upstream) {
    super.copyRequestHeaders(request, upstream);
    ProxyDecision.Forward f = decision(request);
    upstream.headers(h -> {
      f.removeHeaders().forEach(h::remove);
      f.setHeaders().forEach(h::put);
    });
  }

  @Override
  protected void addProxyHeaders(Request request, org.eclipse.jetty.client.Request upstream) {
    String client = Request.getRemoteAddr(request);
    String previous = request.getHeaders().get(HttpHeader.X_FORWARDED_FOR);
    upstream.headers(h -> {
      h.put(HttpHeader.X_FORWARDED_FOR, previous == null ? client : previous + ", " + client);
      h.put(HttpHeader.X_FORWARDED_PROTO, request.isSecure() ? "https" : "http");
      h.put("X-Real-IP", client);
      h.put("X-Request-Id", String.valueOf(request.getAttribute(ReverseProxy.REQUEST_ID_ATTRIBUTE)));
    });
  }

  @Override
  protected org.eclipse.jetty.client.Response.CompleteListener newServerToProxyResponseListener(Request request,
      org.eclipse.jetty.client.Request upstream, Response response, Callback callback) {
    ProxyDecision.Forward f = decision(request);
    if (f.locationPrefix() == null) {
      return super.newServerToProxyResponseListener(request, upstream, response, callback);
    }
    return new ProxyResponseListener(request, upstream, response, callback) {
      @Override
      public void onHeaders(org.eclipse.jetty.client.Response answer) {
        super.onHeaders(answer);
        String location = response.getHeaders().get(HttpHeader.LOCATION);
        if (location != null) {
          response.getHeaders().put(HttpHeader.LOCATION, rewriteLocation(location, f.target(), f.locationPrefix()));
        }
      }
    };
  }

  /** {@code <upstream>/x} and {@code /x} become {@code <prefix>/x}; other hosts' URLs stay as they are. */
  static String rewriteLocation(String location, URI upstream, String prefix) {
    String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    String origin = upstream.getScheme() + "://" + upstream.getRawAuthority();
    if (location.startsWith(origin)) {
      String rest = location.substring(origin.length());
      return base + (rest.startsWith("/") ? rest : "/" + rest);
    }
    if (location.startsWith("/") && !location.startsWith("//") && !location.startsWith(base + "/")) {
      return base + location;
    }
    return location;
  }

}

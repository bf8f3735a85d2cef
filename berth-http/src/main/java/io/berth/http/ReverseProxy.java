package io.berth.http;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.common.id.IdGenerator;
import io.berth.common.time.Ticker;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's server: HTTP and (once it has a {@link TlsIdentity}) HTTPS listeners whose every request is given a
 * request id ({@code X-Request-Id}), decided by a {@link ProxyRouter}, then answered, served in-process or streamed
 * to an upstream (Jetty's ProxyHandler; WebSocket upgrades through a byte tunnel), and recorded in the
 * {@link AccessLog}.
 */
public final class ReverseProxy implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReverseProxy.class);
  static final String DECISION = ReverseProxy.class.getName() + ".decision";
  static final String REQUEST_ID_ATTRIBUTE = ReverseProxy.class.getName() + ".requestId";
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private final Server server;
  private final ServerConnector http;
  private final String host;
  private volatile ServerConnector https;

  private ReverseProxy(String host, int port, ProxyRouter router, AccessLog access, IdGenerator ids, Ticker ticker) {
    this.host = host;
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("gateway-" + port);
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server = new Server(threads);
    http = new ServerConnector(server, 1, 2, new HttpConnectionFactory(httpConfig(false)));
    http.setHost(host);
    http.setPort(port);
    http.setReuseAddress(true);
    server.addConnector(http);
    Forwarder forwarder = new Forwarder();
    server.setHandler(new Gate(router, access, ids, ticker, forwarder));
    server.setStopTimeout(2000);
  }

  /** Starts the HTTP listener on {@code host:port} (0 picks a free port). */
  public static ReverseProxy start(String host, int port, ProxyRouter router, AccessLog access, IdGenerator ids, Ticker ticker) {
    ReverseProxy proxy = new ReverseProxy(host, port, router, access, ids, ticker);
    try {
      proxy.server.start();
    } catch (Exception e) {
      proxy.close();
      throw new BerthException(ErrorCode.UNAVAILABLE, "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    return proxy;
  }

  /** Adds the HTTPS listener on {@code port} with this identity. */
  public synchronized void startTls(int port, TlsIdentity identity) {
    if (https != null) {
      throw new IllegalStateException("HTTPS is already listening");
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = "berth".toCharArray();
      store.setKeyEntry("gateway", identity.key(), password, identity.chain().toArray(Certificate[]::new));
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setKeyStore(store);
      tls.setKeyStorePassword("berth");
      tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
      ServerConnector connector = new ServerConnector(server, 1, 2, new SslConnectionFactory(tls, "http/1.1"),
          new HttpConnectionFactory(httpConfig(true)));
      connector.setHost(host);
      connector.setPort(port);
      connector.setReuseAddress(true);
      server.addConnector(connector);
      connector.start();
      https = connector;
    } catch (Exception e) {
      throw new BerthException(ErrorCode.UNAVAILABLE, "cannot listen with TLS on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  private static HttpConfiguration httpConfig(boolean secure) {
    HttpConfiguration config = new HttpConfiguration();
    config.setUriCompliance(HttpServer.URI_COMPLIANCE);
    config.setSendServerVersion(false);
    config.setRequestHeaderSize(16 * 1024);
    // Jetty's per-connection cache of header fields walks a trie over every byte of every header: with a token of
    // ~700 characters in each request that cost more than the rest of the parsing (bench/gateway)
    config.setHeaderCacheSize(0);
    if (secure) {
      SecureRequestCustomizer customizer = new SecureRequestCustomizer();
      customizer.setSniHostCheck(false);
      config.addCustomizer(customizer);
    }
    return config;
  }

  public int port() {
    return http.getLocalPort();
  }

  /** The HTTPS port, or -1 before {@link #startTls}. */
  public int tlsPort() {
    ServerConnector s = https;
    return s == null ? -1 : s.getLocalPort();
  }

  public String url() {
    return "http://" + host + ":" + port();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("stopping the gateway on {} failed", url(), e);
    }
  }

  /**
   * The first handler: request id, decision, dispatch, access log. It runs on Jetty's network threads without a
   * hand-off (a non-blocking handler), so a request that is only decided and forwarded costs no thread switch; what
   * may block — {@link ProxyDecision.Defer deferred} decisions, APIs served in-process, streamed answers, WebSocket
   * handshakes — runs on a virtual thread.
   */
  private static final class Gate extends org.eclipse.jetty.server.Handler.Abstract {
    private final ProxyRouter router;
    private final AccessLog access;
    private final IdGenerator ids;
    private final Ticker ticker;
    private final Forwarder forwarder;
    private final java.util.concurrent.ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();

    Gate(ProxyRouter router, AccessLog access, IdGenerator ids, Ticker ticker, Forwarder forwarder) {
      super(org.eclipse.jetty.util.thread.Invocable.InvocationType.NON_BLOCKING);
      this.router = router;
      this.access = access;
      this.ids = ids;
      this.ticker = ticker;
      this.forwarder = forwarder;
      addBean(forwarder);
    }

    @Override
    public boolean handle(org.eclipse.jetty.server.Request jetty, org.eclipse.jetty.server.Response out, Callback callback) {
      long start = ticker.nanos();
      String given = jetty.getHeaders().get("X-Request-Id");
      String requestId = given != null && REQUEST_ID.matcher(given).matches() ? given : ids.next();
      out.getHeaders().put("X-Request-Id", requestId);
      RequestHead head = head(jetty);
      Callback logged = Callback.from(() -> {
        access.record(head, requestId, out.getStatus(), ticker.nanos() - start);
        callback.succeeded();
      }, failure -> {
        access.record(head, requestId, out.isCommitted() ? out.getStatus() : 0, ticker.nanos() - start);
        callback.failed(failure);
      });
      act(jetty, out, logged, head, requestId, decide(head, () -> router.route(head)), false);
      return true;
    }

    private static ProxyDecision decide(RequestHead head, java.util.function.Supplier<ProxyDecision> router) {
      try {
        return router.get();
      } catch (RuntimeException e) {
        log.error("routing {} {} failed", head.method(), head.path(), e);
        return new ProxyDecision.Answer(Response.text(500, "Internal error while routing the request"));
      }
    }

    /** Carries out a decision; {@code mayBlock} is true on a virtual thread, false on a network thread. */
    private void act(org.eclipse.jetty.server.Request jetty, org.eclipse.jetty.server.Response out, Callback logged,
        RequestHead head, String requestId, ProxyDecision decision, boolean mayBlock) {
      switch (decision) {
        case ProxyDecision.Answer a when a.response() instanceof Response.Stream && !mayBlock ->
            blocking.execute(() -> act(jetty, out, logged, head, requestId, a, true));
        case ProxyDecision.Answer a -> write(jetty, out, logged, a.response());
        case ProxyDecision.Serve s when !mayBlock -> blocking.execute(() -> act(jetty, out, logged, head, requestId, s, true));
        case ProxyDecision.Serve s -> new HttpServer.Dispatcher(List.of(s.routes())).handle(jetty, out, logged);
        case ProxyDecision.Defer d -> blocking.execute(() ->
            act(jetty, out, logged, head, requestId, decide(head, d.decide()), true));
        case ProxyDecision.Forward f -> {
          jetty.setAttribute(DECISION, f);
          jetty.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
          if (!WebSocketTunnel.isUpgrade(jetty)) {
            forwarder.handle(jetty, out, logged);
          } else if (mayBlock) {
            WebSocketTunnel.open(jetty, out, logged, f, requestId);
          } else {
            blocking.execute(() -> WebSocketTunnel.open(jetty, out, logged, f, requestId));
          }
        }
      }
    }

    /** Writes an answer without blocking (streamed answers are only written on a virtual thread). */
    private static void write(org.eclipse.jetty.server.Request jetty, org.eclipse.jetty.server.Response out, Callback callback,
        Response response) {
      byte[] body = switch (response) {
        case Response.Stream s -> null;
        case Response.JsonBody j -> Response.bytesOf(j);
        case Response.Bytes b -> b.body();
      };
      if (body == null) {
        HttpServer.Dispatcher.write(jetty, out, callback, response);
        return;
      }
      out.setStatus(response.status());
      response.headers().forEach((k, v) -> out.getHeaders().put(k, v));
      out.getHeaders().put(org.eclipse.jetty.http.HttpHeader.CONTENT_TYPE,
          response instanceof Response.Bytes b ? b.contentType() : "application/json");
      out.getHeaders().put(org.eclipse.jetty.http.HttpHeader.CONTENT_LENGTH, body.length);
      out.write(true, "HEAD".equals(jetty.getMethod()) ? null : java.nio.ByteBuffer.wrap(body), callback);
    }

    @Override
    protected void doStop() throws Exception {
      super.doStop();
      blocking.shutdownNow();
    }
  }

  /** The head of a Jetty request as routers and filters see it. */
  static RequestHead head(org.eclipse.jetty.server.Request jetty) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField f : jetty.getHeaders()) {
      headers.computeIfAbsent(f.getLowerCaseName(), k -> new ArrayList<>()).add(f.getValue());
    }
    String decoded;
    try {
      decoded = jetty.getHttpURI().getDecodedPath();
    } catch (RuntimeException e) {
      decoded = jetty.getHttpURI().getPath();
    }
    return new RequestHead(jetty.getMethod(), decoded == null ? "/" : decoded, jetty.getHttpURI().getPath(),
        jetty.getHttpURI().getQuery(), headers, org.eclipse.jetty.server.Request.getRemoteAddr(jetty), jetty.isSecure());
  }
}

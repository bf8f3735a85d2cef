package io.berth.http;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server of Berth (Jetty 12 core, handlers on virtual threads). Requests are matched against the
 * given {@link Routes} in order; errors are rendered in the shape of the API whose route matched.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
  /** Request bodies larger than this are refused with 413. */
  public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  /** Jetty's default URI rules, plus encoded '%' in paths. */
  static final UriCompliance URI_COMPLIANCE = UriCompliance.DEFAULT.with("berth", UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
      UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT);

  private final Server server;
  private final ServerConnector connector;
  private final String host;

  private HttpServer(String host, int port, List<Routes> routes, RequestFilter filter) {
    this.host = host;
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("http-" + port);
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server = new Server(threads);
    connector = new ServerConnector(server, 1, 1);
    connector.setHost(host);
    connector.setPort(port);
    connector.setReuseAddress(true);
    // DC/OS clients double-encode '/' inside ids as %252F (IAM resource ids): accept '%25' in paths.
    connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration().setUriCompliance(URI_COMPLIANCE);
    server.addConnector(connector);
    server.setHandler(new Dispatcher(List.copyOf(routes), filter));
    server.setStopTimeout(2000);
  }

  /** Starts a server on {@code host:port} (port 0 picks a free one). */
  public static HttpServer start(String host, int port, List<Routes> routes) {
    return start(host, port, routes, RequestFilter.NONE);
  }

  /** Starts a server whose every request first passes {@code filter} (e.g. authentication of an internal API). */
  public static HttpServer start(String host, int port, List<Routes> routes, RequestFilter filter) {
    HttpServer s = new HttpServer(host, port, routes, filter);
    try {
      s.server.start();
    } catch (Exception e) {
      try {
        s.server.stop();
      } catch (Exception ignored) {
        // the start failure is what matters
      }
      throw new BerthException(ErrorCode.UNAVAILABLE, "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    return s;
  }

  public int port() {
    return connector.getLocalPort();
  }

  public String url() {
    return "http://" + host + ":" + port();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("stopping HTTP server on {} failed", url(), e);
    }
  }

  /** Routes a request to its handler ({@link RouteDispatch}) and writes the answer. */
  static final class Dispatcher extends org.eclipse.jetty.server.Handler.Abstract {
    private final List<Routes> apis;
    private final RequestFilter filter;

    Dispatcher(List<Routes> apis, RequestFilter filter) {
      this.apis = apis;
      this.filter = filter;
    }

    @Override
    public boolean handle(org.eclipse.jetty.server.Request jetty, org.eclipse.jetty.server.Response out, Callback callback) {
      RequestHead head = head(jetty);
      if (filter != RequestFilter.NONE) {
        Optional<Response> refused = filter.refuse(head);
        if (refused.isPresent()) {
          write(jetty, out, callback, refused.get());
          return true;
        }
      }
      write(jetty, out, callback, RouteDispatch.answer(apis, head, jetty.getHttpURI().getQuery(), () -> body(jetty)));
      return true;
    }

    static void write(org.eclipse.jetty.server.Request jetty, org.eclipse.jetty.server.Response out,
        Callback callback, Response response) {
      out.setStatus(response.status());
      response.headers().forEach((k, v) -> out.getHeaders().put(k, v));
      try {
        switch (response) {
          case Response.Stream s -> {
            out.getHeaders().put(HttpHeader.CONTENT_TYPE, s.contentType());
            try (OutputStream os = Content.Sink.asOutputStream(out)) {
              s.writer().write(os);
            }
          }
          case Response.JsonBody j -> {
            out.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            send(jetty, out, Response.bytesOf(j));
          }
          case Response.Bytes b -> {
            out.getHeaders().put(HttpHeader.CONTENT_TYPE, b.contentType());
            send(jetty, out, b.body());
          }
        }
        callback.succeeded();
      } catch (Exception e) {
        log.debug("writing response to {} failed: {}", jetty.getHttpURI(), e.toString());
        callback.failed(e);
      }
    }

    private static void send(org.eclipse.jetty.server.Request jetty, org.eclipse.jetty.server.Response out, byte[] body)
        throws Exception {
      out.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
      if (!"HEAD".equals(jetty.getMethod())) {
        try (OutputStream os = Content.Sink.asOutputStream(out)) {
          os.write(body);
        }
      }
    }

    private static byte[] body(org.eclipse.jetty.server.Request jetty) throws java.io.IOException {
      long declared = jetty.getLength();
      if (declared > MAX_BODY_BYTES) {
        throw RouteDispatch.tooLarge();
      }
      try (InputStream in = Content.Source.asInputStream(jetty)) {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
          throw RouteDispatch.tooLarge();
        }
        return body;
      }
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

  /** The address a server listens on, for logs. */
  public InetSocketAddress address() {
    return new InetSocketAddress(host, port());
  }
}

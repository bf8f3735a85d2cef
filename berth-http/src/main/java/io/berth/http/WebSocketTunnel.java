package io.berth.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSocket pass-through: replays the client's upgrade request to the upstream over a plain socket, and on its
 * {@code 101} answers the client with the upstream's handshake headers and turns the client connection into a byte
 * tunnel to the upstream socket (one virtual thread copies upstream to client; Jetty's fill loop copies client to
 * upstream). Anything but 101 becomes a 502.
 */
final class WebSocketTunnel {
  private static final Logger log = LoggerFactory.getLogger(WebSocketTunnel.class);
  private static final int MAX_HANDSHAKE = 16 * 1024;
  private static final Set<String> NOT_REPLAYED = Set.of("proxy-authorization", "proxy-connection", "keep-alive", "te",
      "trailer", "transfer-encoding");

  private WebSocketTunnel() {}

  static boolean isUpgrade(Request request) {
    String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
    return upgrade != null && "websocket".equalsIgnoreCase(upgrade.trim());
  }

  static void open(Request request, Response response, Callback callback, ProxyDecision.Forward f, String requestId) {
    URI target = f.target();
    int port = target.getPort() > 0 ? target.getPort() : "https".equals(target.getScheme()) ? 443 : 80;
    Socket socket = null;
    try {
      socket = "https".equals(target.getScheme()) ? SSLSocketFactory.getDefault().createSocket() : new Socket();
      socket.connect(new InetSocketAddress(target.getHost(), port), 5000);
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, f.idleTimeout().toMillis()));
      socket.setTcpNoDelay(true);
      OutputStream toUpstream = socket.getOutputStream();
      toUpstream.write(handshake(request, f, requestId).getBytes(StandardCharsets.ISO_8859_1));
      toUpstream.flush();
      String[] head = readHead(socket.getInputStream()).split("\r\n");
      if (head.length == 0 || !head[0].matches("HTTP/1\\.1 101( .*)?")) {
        socket.close();
        HttpServer.Dispatcher.write(request, response, callback,
            io.berth.http.Response.text(502, "The upstream refused the WebSocket upgrade: " + (head.length > 0 ? head[0] : "")));
        return;
      }
      response.setStatus(101);
      for (int i = 1; i < head.length; i++) {
        int colon = head[i].indexOf(':');
        if (colon > 0) {
          response.getHeaders().add(head[i].substring(0, colon).trim(), head[i].substring(colon + 1).trim());
        }
      }
      EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
      request.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE,
          new Pipe(endPoint, request.getComponents().getExecutor(), socket));
      callback.succeeded();
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket);
      log.debug("WebSocket tunnel to {} failed: {}", target, e.toString());
      HttpServer.Dispatcher.write(request, response, callback,
          io.berth.http.Response.text(502, "Cannot reach the upstream for the WebSocket upgrade: " + e.getMessage()));
    }
  }

  private static String handshake(Request request, ProxyDecision.Forward f, String requestId) {
    URI t = f.target();
    StringBuilder b = new StringBuilder("GET ").append(t.getRawPath().isEmpty() ? "/" : t.getRawPath());
    if (t.getRawQuery() != null) {
      b.append('?').append(t.getRawQuery());
    }
    b.append(" HTTP/1.1\r\n");
    for (HttpField field : request.getHeaders()) {
      String name = field.getLowerCaseName();
      if (NOT_REPLAYED.contains(name) || f.removeHeaders().contains(name) || f.setHeaders().keySet().stream()
          .anyMatch(k -> k.toLowerCase(Locale.ROOT).equals(name))) {
        continue;
      }
      b.append(field.getName()).append(": ").append(field.getValue()).append("\r\n");
    }
    f.setHeaders().forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
    b.append("X-Request-Id: ").append(requestId).append("\r\n");
    b.append("X-Forwarded-For: ").append(Request.getRemoteAddr(request)).append("\r\n\r\n");
    return b.toString();
  }

  /** Reads the answer's head byte by byte, so that no WebSocket frame after it is consumed. */
  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
      int b = in.read();
      if (b < 0 || head.length() > MAX_HANDSHAKE) {
        throw new IOException(b < 0 ? "upstream closed during the handshake" : "handshake answer too long");
      }
      head.append((char) b);
    }
    return head.substring(0, head.length() - 4);
  }

  static void closeQuietly(Socket socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  /** The upgraded client connection: client bytes go to the socket, socket bytes (on a virtual thread) to the client. */
  private static final class Pipe extends AbstractConnection {
    private final Socket socket;
    private final ByteBuffer buffer = BufferUtil.allocate(16 * 1024);

    Pipe(EndPoint endPoint, Executor executor, Socket socket) {
      super(endPoint, executor);
      this.socket = socket;
    }

    @Override
    public void onOpen() {
      super.onOpen();
      fillInterested();
      Thread.ofVirtual().name("websocket-upstream").start(this::copyUpstream);
    }

    private void copyUpstream() {
      byte[] chunk = new byte[16 * 1024];
      try (InputStream in = socket.getInputStream()) {
        int n;
        while ((n = in.read(chunk)) >= 0) {
          FutureCallback written = new FutureCallback();
          getEndPoint().write(written, ByteBuffer.wrap(chunk, 0, n));
          written.get();
        }
      } catch (Exception e) {
        log.debug("WebSocket upstream copy ended: {}", e.toString());
      } finally {
        getEndPoint().close();
      }
    }

    @Override
    public void onFillable() {
      try {
        OutputStream out = socket.getOutputStream();
        while (true) {
          BufferUtil.clear(buffer);
          int n = getEndPoint().fill(buffer);
          if (n > 0) {
            out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            out.flush();
          } else if (n == 0) {
            fillInterested();
            return;
          } else {
            socket.shutdownOutput();
            return;
          }
        }
      } catch (IOException e) {
        closeQuietly(socket);
        getEndPoint().close();
      }
    }

    @Override
    public void onClose(Throwable cause) {
      closeQuietly(socket);
      super.onClose(cause);
    }
  }
}

package io.berth.http;

import io.berth.common.time.Ticker;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One request forwarded to its upstream ({@link ProxyDecision.Forward}), on the client connection's event loop:
 * the request's head with the decision's header rules and the forwarding headers Admin Router sets, then its body as
 * it arrives; the answer's parts go back to the client as they come (server-sent events and chunked bodies are not
 * buffered), with {@code Location} rewritten under the public prefix. A {@code 101} to a WebSocket upgrade turns
 * both connections into a byte tunnel. Nothing from the upstream for the decision's idle timeout ends the exchange
 * (504 if no answer had begun).
 */
final class UpstreamCall {
  private final ProxyConnection client;
  private final ProxyConnection.Exchange ex;
  private final ProxyDecision.Forward decision;
  private final UpstreamPool pool;
  private final UpstreamPool.Address address;
  private final boolean upgrade;
  private final HttpRequest upstreamRequest;
  private final long idleNanos;
  private final Ticker ticker;
  private Channel upstream;
  private List<HttpContent> queued = new ArrayList<>(1);
  private boolean requestSent;
  private final boolean bodiless;
  private boolean reused;
  private boolean retried;
  private boolean answered;
  private boolean informational;
  private boolean upstreamKeepAlive;
  private boolean done;
  private boolean tunnel;
  private long lastActivity;
  private ScheduledFuture<?> timer;

  UpstreamCall(ProxyConnection client, ProxyConnection.Exchange ex, ProxyDecision.Forward decision, UpstreamPool pool,
      Ticker ticker) {
    this.client = client;
    this.ticker = ticker;
    this.ex = ex;
    this.decision = decision;
    this.pool = pool;
    this.address = UpstreamPool.Address.of(decision.target());
    this.upgrade = "websocket".equalsIgnoreCase(String.valueOf(ex.request.headers().get(HttpHeaderNames.UPGRADE)).trim());
    this.idleNanos = decision.idleTimeout().toNanos();
    this.bodiless = !HttpUtil.isTransferEncodingChunked(ex.request) && HttpUtil.getContentLength(ex.request, 0L) == 0;
    this.upstreamRequest = upstreamRequest();
  }

  void start() {
    Channel idle = pool.idle(address);
    if (idle != null) {
      attach(idle, true);
    } else {
      connect();
    }
  }

  private void connect() {
    UpstreamHandler handler = new UpstreamHandler();
    handler.call = this;
    ChannelFuture connecting = pool.connect(client.eventLoop(), address, handler);
    connecting.addListener(f -> {
      if (done) {
        connecting.channel().close();
      } else if (f.isSuccess()) {
        attach(connecting.channel(), false);
      } else {
        fail(502, "Bad gateway: cannot connect to " + address.authority() + ": " + f.cause().getMessage());
      }
    });
  }

  private void attach(Channel channel, boolean reused) {
    this.upstream = channel;
    this.reused = reused;
    channel.pipeline().get(UpstreamHandler.class).call = this;
    channel.write(upstreamRequest);
    queued.forEach(channel::write);
    queued = null;
    FlushBatch.flushLater(channel);
    lastActivity = ticker.nanos();
    if (timer == null) {
      timer = client.eventLoop().schedule(this::checkIdle, idleNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** A part of the request's body from the client. */
  void send(HttpContent part) {
    if (part instanceof LastHttpContent) {
      requestSent = true;
    }
    if (done) {
      part.release();
    } else if (upstream == null) {
      queued.add(part);
    } else {
      upstream.write(part);
      if (requestSent) {
        FlushBatch.flushLater(upstream);
      } else if (!upstream.isWritable()) {
        client.channel().config().setAutoRead(false);
      }
    }
  }

  void flushUpstream() {
    if (upstream != null) {
      FlushBatch.flushLater(upstream);
    }
  }

  void upstreamWritable(boolean writable) {
    if (!done) {
      client.channel().config().setAutoRead(writable);
    }
  }

  void clientWritable(boolean writable) {
    if (upstream != null && !done) {
      upstream.config().setAutoRead(writable);
    }
  }

  /** The head of the upstream's answer. */
  void onResponse(HttpResponse response) {
    lastActivity = ticker.nanos();
    int code = response.status().code();
    if (response.decoderResult().isFailure()) {
      upstream.close();
      fail(502, "Bad gateway: the answer of " + address.authority() + " is not valid HTTP");
      return;
    }
    if (code == 101 && upgrade) {
      openTunnel(response);
      return;
    }
    if (code < 200) {
      informational = true; // 1xx before the real answer (the client was told 100-continue already)
      return;
    }
    answered = true;
    upstreamKeepAlive = HttpUtil.isKeepAlive(response);
    HttpHeaders h = response.headers();
    HopHeaders.strip(h);
    if (decision.locationPrefix() != null && h.contains(HttpHeaderNames.LOCATION)) {
      h.set(HttpHeaderNames.LOCATION, rewriteLocation(h.get(HttpHeaderNames.LOCATION), decision.target(), decision.locationPrefix()));
    }
    h.set("X-Request-Id", ex.requestId);
    response.setProtocolVersion(HttpVersion.HTTP_1_1);
    boolean bodyAllowed = code != 204 && code != 304 && !HttpMethod.HEAD.equals(ex.request.method());
    if (bodyAllowed && !HttpUtil.isContentLengthSet(response) && !HttpUtil.isTransferEncodingChunked(response)) {
      if (ex.request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
        HttpUtil.setTransferEncodingChunked(response, true); // the upstream ends its body by closing
      } else {
        ex.closeAfter = true;
      }
    }
    if (!ex.keepAlive || ex.closeAfter) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (ex.request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    ex.status = code;
    client.channel().write(response);
  }

  /** A part of the answer's body. */
  void onContent(HttpContent part) {
    lastActivity = ticker.nanos();
    if (informational || !answered) {
      informational &= !(part instanceof LastHttpContent);
      part.release();
      return;
    }
    if (!(part instanceof LastHttpContent)) {
      client.channel().write(part);
      if (!client.channel().isWritable()) {
        upstream.config().setAutoRead(false);
      }
      return;
    }
    done = true;
    timer.cancel(false);
    Channel channel = upstream;
    channel.pipeline().get(UpstreamHandler.class).call = null;
    channel.config().setAutoRead(true);
    if (upstreamKeepAlive && requestSent) {
      pool.release(address, channel);
    } else {
      channel.close();
    }
    if (!requestSent) {
      client.discardRest(ex);
    }
    client.channel().write(part).addListener(f -> client.responseDone(ex));
    FlushBatch.flushLater(client.channel());
  }

  /** The upstream's connection ended (or failed) before the answer was complete. */
  void onUpstreamClosed() {
    if (done) {
      return;
    }
    if (!answered && reused && bodiless && !retried) {
      retried = true; // a kept-alive connection the upstream had just closed: try once on a new one
      upstream = null;
      queued = new ArrayList<>(1);
      if (requestSent) {
        queued.add(LastHttpContent.EMPTY_LAST_CONTENT);
      }
      connect();
      return;
    }
    if (!answered) {
      fail(502, "Bad gateway: " + address.authority() + " closed the connection without answering");
    } else {
      done = true;
      timer.cancel(false);
      client.abort();
    }
  }

  /** Bytes passed through the tunnel. */
  void touch() {
    lastActivity = ticker.nanos();
  }

  void flushClient() {
    FlushBatch.flushLater(client.channel());
  }

  /** The client went away: the upstream connection cannot be reused for another request. */
  void clientGone() {
    if (!done) {
      done = true;
      if (timer != null) {
        timer.cancel(false);
      }
      if (upstream != null) {
        upstream.close();
      }
    }
    if (queued != null) {
      queued.forEach(ReferenceCountUtil::release);
      queued = null;
    }
  }

  private void checkIdle() {
    if (done) {
      return;
    }
    long idleFor = ticker.nanos() - lastActivity;
    if (idleFor < idleNanos) {
      timer = client.eventLoop().schedule(this::checkIdle, idleNanos - idleFor, TimeUnit.NANOSECONDS);
    } else if (tunnel) {
      done = true;
      upstream.close(); // the client's end closes with it
    } else if (!answered) {
      if (upstream != null) {
        upstream.close();
      }
      fail(504, "Gateway timeout: " + address.authority() + " did not answer within " + decision.idleTimeout().toMillis() + " ms");
    } else {
      done = true;
      upstream.close();
      client.abort();
    }
  }

  private void fail(int status, String message) {
    done = true;
    if (timer != null) {
      timer.cancel(false);
    }
    if (queued != null) {
      queued.forEach(ReferenceCountUtil::release);
      queued = null;
    }
    client.discardRest(ex);
    client.answer(ex, Response.text(status, message));
  }

  private void openTunnel(HttpResponse response) {
    answered = true;
    tunnel = true; // the idle timeout keeps watching: bytes either way count as activity
    ex.status = 101;
    response.headers().set("X-Request-Id", ex.requestId);
    client.channel().writeAndFlush(response);
    UpstreamHandler handler = upstream.pipeline().get(UpstreamHandler.class);
    handler.call = null;
    handler.tunnelCall = this;
    handler.tunnelPeer = client.channel();
    client.openTunnel(upstream);
    upstream.pipeline().remove(HttpClientCodec.class);
  }

  private HttpRequest upstreamRequest() {
    HttpHeaders h = ex.request.headers();
    String upgradeTo = h.get(HttpHeaderNames.UPGRADE);
    HopHeaders.strip(h);
    h.remove(HttpHeaderNames.EXPECT);
    h.set(HttpHeaderNames.HOST, address.authority());
    decision.removeHeaders().forEach(h::remove);
    decision.setHeaders().forEach(h::set);
    String remote = ex.head.remoteAddress();
    String previous = h.get("X-Forwarded-For");
    h.set("X-Forwarded-For", previous == null ? remote : previous + ", " + remote);
    h.set("X-Forwarded-Proto", ex.head.secure() ? "https" : "http");
    h.set("X-Real-IP", remote);
    h.set("X-Request-Id", ex.requestId);
    if (upgrade) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
      h.set(HttpHeaderNames.UPGRADE, upgradeTo);
    }
    URI target = decision.target();
    String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    String query = target.getRawQuery();
    return new DefaultHttpRequest(HttpVersion.HTTP_1_1, ex.request.method(), query == null ? path : path + "?" + query, h);
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

package io.berth.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of the gateway. Every request gets a request id and a {@link ProxyDecision} from the
 * router, which is carried out on the connection's event loop: forwarded ({@link UpstreamCall}), answered, or served
 * from in-process routes; decisions that must block ({@link ProxyDecision.Defer}), in-process APIs and streamed
 * answers run on virtual threads and hand their result back to the loop. Requests on a keep-alive connection are
 * answered in order: while one is answered, the next ones wait and the connection stops reading.
 */
final class ProxyConnection extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ProxyConnection.class);
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private enum Mode { PENDING, DISCARD, COLLECT, FORWARD }

  /** One request and its answer. Touched only on the connection's event loop. */
  final class Exchange {
    final HttpRequest request;
    final RequestHead head;
    final String requestId;
    final long start;
    final boolean keepAlive;
    volatile int status;
    boolean requestDone;
    boolean responseDone;
    /** The answer ends the connection (the client cannot tell where it ends otherwise). */
    boolean closeAfter;
    private Mode mode = Mode.PENDING;
    private List<HttpContent> pending = new ArrayList<>(1);
    private CompositeByteBuf collected;
    private boolean tooLarge;
    private Routes routes;
    private UpstreamCall call;

    private Exchange(HttpRequest request, RequestHead head, String requestId, long start, boolean keepAlive) {
      this.request = request;
      this.head = head;
      this.requestId = requestId;
      this.start = start;
      this.keepAlive = keepAlive;
    }

    private void content(HttpContent c) {
      switch (mode) {
        case PENDING -> pending.add(c);
        case DISCARD -> c.release();
        case COLLECT -> collect(this, c);
        case FORWARD -> call.send(c);
      }
    }

    private void mode(Mode next) {
      mode = next;
      List<HttpContent> queued = pending;
      pending = null;
      if (next == Mode.COLLECT) {
        collected = channel.alloc().compositeBuffer(Integer.MAX_VALUE);
      }
      queued.forEach(this::content);
    }

    private void release() {
      if (pending != null) {
        pending.forEach(ReferenceCountUtil::release);
        pending = null;
      }
      if (collected != null) {
        collected.release();
        collected = null;
      }
    }
  }

  private final ProxyGate gate;
  private final boolean secure;
  private final ArrayDeque<Object> inbox = new ArrayDeque<>();
  private Channel channel;
  private String remote;
  private Exchange current;
  /** Set once the connection became a WebSocket tunnel: bytes go to this upstream connection as they come. */
  private Channel tunnelPeer;

  ProxyConnection(ProxyGate gate, boolean secure) {
    this.gate = gate;
    this.secure = secure;
  }

  Channel channel() {
    return channel;
  }

  EventLoop eventLoop() {
    return channel.eventLoop();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    remote = channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : String.valueOf(channel.remoteAddress());
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (tunnelPeer != null) {
      if (msg instanceof io.netty.buffer.ByteBuf) {
        if (current != null && current.call != null) {
          current.call.touch();
        }
        tunnelPeer.write(msg);
      } else {
        ReferenceCountUtil.release(msg);
      }
      return;
    }
    if (current != null && current.requestDone) {
      inbox.add(msg);
      channel.config().setAutoRead(false);
      return;
    }
    dispatch(msg);
  }

  private void dispatch(Object msg) {
    if (msg instanceof HttpRequest r) {
      begin(r);
    }
    if (msg instanceof HttpContent c) {
      if (current == null) {
        c.release();
        return;
      }
      Exchange ex = current;
      boolean last = c instanceof LastHttpContent;
      ex.content(c);
      if (last && current == ex) {
        ex.requestDone = true;
        if (ex.responseDone) {
          finish(ex);
        }
      }
    } else if (!(msg instanceof HttpRequest)) {
      ReferenceCountUtil.release(msg);
    }
  }

  private void begin(HttpRequest request) {
    long start = gate.ticker().nanos();
    if (request.decoderResult().isFailure()) {
      Throwable cause = request.decoderResult().cause();
      int status = cause instanceof TooLongHttpHeaderException ? 431 : cause instanceof TooLongHttpLineException ? 414 : 400;
      current = new Exchange(request, ProxyHeads.unparsable(request, remote, secure), gate.ids().next(), start, false);
      act(current, new ProxyDecision.Answer(Response.text(status, "Bad request: " + cause.getMessage())));
      return;
    }
    Optional<RequestHead> parsed = ProxyHeads.of(request, remote, secure);
    RequestHead head = parsed.orElseGet(() -> ProxyHeads.unparsable(request, remote, secure));
    String given = request.headers().get("X-Request-Id");
    String id = given != null && REQUEST_ID.matcher(given).matches() ? given : gate.ids().next();
    // a request whose target cannot be routed ends its connection, as a malformed one does
    current = new Exchange(request, head, id, start, parsed.isPresent() && HttpUtil.isKeepAlive(request));
    act(current, parsed.isEmpty()
        ? new ProxyDecision.Answer(Response.text(400, "Bad request: the path is not valid"))
        : decide(head, () -> gate.router().route(head)));
  }

  private static ProxyDecision decide(RequestHead head, Supplier<ProxyDecision> router) {
    try {
      return router.get();
    } catch (RuntimeException e) {
      log.error("routing {} {} failed", head.method(), head.path(), e);
      return new ProxyDecision.Answer(Response.text(500, "Internal error while routing the request"));
    }
  }

  /** Carries out a decision on the event loop. */
  private void act(Exchange ex, ProxyDecision decision) {
    if (ex != current) {
      return; // the client went away meanwhile
    }
    switch (decision) {
      case ProxyDecision.Answer a when a.response() instanceof Response.Stream s -> {
        ex.mode(Mode.DISCARD);
        gate.blocking().execute(() -> stream(ex, s));
      }
      case ProxyDecision.Answer a -> {
        ex.mode(Mode.DISCARD);
        answer(ex, a.response());
      }
      case ProxyDecision.Serve s -> {
        ex.routes = s.routes();
        ex.mode(Mode.COLLECT);
      }
      case ProxyDecision.Defer d -> gate.blocking().execute(() -> {
        ProxyDecision next = decide(ex.head, d.decide());
        eventLoop().execute(() -> act(ex, next));
      });
      case ProxyDecision.Forward f -> {
        ex.call = new UpstreamCall(this, ex, f, gate.upstreams(), gate.ticker());
        ex.mode(Mode.FORWARD);
        ex.call.start();
      }
    }
  }

  /** Gathers the body of a request served in-process; the last part sends it to its routes on a virtual thread. */
  private void collect(Exchange ex, HttpContent c) {
    if (!ex.tooLarge && ex.collected.readableBytes() + c.content().readableBytes() > HttpServer.MAX_BODY_BYTES) {
      ex.tooLarge = true;
    }
    if (!ex.tooLarge && c.content().isReadable()) {
      ex.collected.addComponent(true, c.content().retain());
    }
    c.release();
    if (c instanceof LastHttpContent) {
      byte[] body = ex.tooLarge ? null : ByteBufUtil.getBytes(ex.collected);
      ex.collected.release();
      ex.collected = null;
      List<Routes> apis = List.of(ex.routes);
      gate.blocking().execute(() -> {
        Response response = RouteDispatch.answer(apis, ex.head, ex.head.rawQuery(), () -> {
          if (body == null) {
            throw RouteDispatch.tooLarge();
          }
          return body;
        });
        if (response instanceof Response.Stream s) {
          stream(ex, s);
        } else {
          eventLoop().execute(() -> answer(ex, response));
        }
      });
    }
  }

  /** Writes an answer with a body of known length (on the event loop). */
  void answer(Exchange ex, Response response) {
    if (ex != current) {
      return;
    }
    ex.status = response.status();
    channel.writeAndFlush(NettyAnswers.full(response, ex)).addListener(f -> {
      if (!f.isSuccess()) {
        log.debug("answering {} failed: {}", remote, f.cause().toString()); // the client went away
      }
      responseDone(ex);
    });
  }

  /** Writes a streamed answer; runs on a virtual thread until the stream's writer returns. */
  private void stream(Exchange ex, Response.Stream s) {
    ex.status = s.status();
    channel.writeAndFlush(NettyAnswers.streamHead(s, ex));
    try (ChannelOutputStream out = new ChannelOutputStream(channel)) {
      s.writer().write(out);
    } catch (java.io.IOException e) {
      log.debug("streaming to {} ended: {}", remote, e.toString());
      channel.close();
    } catch (RuntimeException e) {
      log.error("streaming {} {} failed", ex.head.method(), ex.head.path(), e);
      channel.close();
    }
    channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> responseDone(ex));
  }

  /** The upstream answered a forwarded request that is still being received: its remaining body is dropped. */
  void discardRest(Exchange ex) {
    if (ex == current && ex.mode == Mode.FORWARD) {
      ex.mode = Mode.DISCARD;
    }
  }

  /** The answer has been written in full (called on the event loop). */
  void responseDone(Exchange ex) {
    if (ex != current) {
      return;
    }
    ex.responseDone = true;
    if (ex.requestDone || !ex.keepAlive) {
      finish(ex); // a connection that ends after this answer need not wait for the rest of the request
    }
  }

  private void finish(Exchange ex) {
    gate.access().record(ex.head, ex.requestId, ex.status, gate.ticker().nanos() - ex.start);
    current = null;
    if (!ex.keepAlive || ex.closeAfter) {
      channel.close();
      return;
    }
    Object next;
    while ((current == null || !current.requestDone) && (next = inbox.poll()) != null) {
      dispatch(next);
    }
    if (inbox.isEmpty()) {
      channel.config().setAutoRead(true);
    }
  }

  /** The upstream switched protocols (101): from now on the connection is a byte tunnel to {@code upstream}. */
  void openTunnel(Channel upstream) {
    tunnelPeer = upstream;
    channel.pipeline().remove(HttpServerCodec.class);
    channel.config().setAutoRead(true);
  }

  /** Ends the connection after a failure half-way through an answer. */
  void abort() {
    channel.close();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (tunnelPeer != null) {
      tunnelPeer.flush();
    } else if (current != null && current.call != null) {
      current.call.flushUpstream();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    boolean writable = channel.isWritable();
    if (tunnelPeer != null) {
      tunnelPeer.config().setAutoRead(writable);
    } else if (current != null && current.call != null) {
      current.call.clientWritable(writable);
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent && current == null && tunnelPeer == null) {
      channel.close(); // an idle keep-alive connection
    }
    ReferenceCountUtil.release(event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Exchange ex = current;
    current = null;
    if (ex != null) {
      ex.release();
      if (ex.call != null) {
        ex.call.clientGone();
      }
      gate.access().record(ex.head, ex.requestId, ex.status, gate.ticker().nanos() - ex.start);
    }
    inbox.forEach(ReferenceCountUtil::release);
    inbox.clear();
    if (tunnelPeer != null) {
      tunnelPeer.close();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("gateway connection from {} failed: {}", remote, cause.toString());
    ctx.close();
  }
}

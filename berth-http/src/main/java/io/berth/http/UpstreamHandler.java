package io.berth.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an upstream connection: passes what the upstream sends to the {@link UpstreamCall} it carries
 * (none while the connection idles in the pool), or, once it is a WebSocket tunnel, straight to the client.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(UpstreamHandler.class);

  /** The exchange this connection carries now; null while it is idle. */
  UpstreamCall call;
  /** The client connection once this is a tunnel, and the exchange that opened it. */
  Channel tunnelPeer;
  UpstreamCall tunnelCall;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (tunnelPeer != null) {
      if (msg instanceof ByteBuf) {
        tunnelCall.touch();
        tunnelPeer.write(msg);
      } else {
        ReferenceCountUtil.release(msg); // the codec's end of the 101 answer
      }
    } else if (call == null) {
      ReferenceCountUtil.release(msg); // an idle connection has nothing to say
      ctx.close();
    } else if (msg instanceof HttpResponse response) {
      call.onResponse(response);
      if (msg instanceof HttpContent part && call != null) {
        call.onContent(part);
      } else if (msg instanceof HttpContent part) {
        part.release();
      }
    } else if (msg instanceof HttpContent part) {
      call.onContent(part);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (tunnelPeer != null) {
      tunnelPeer.flush();
    } else if (call != null) {
      call.flushClient();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (tunnelPeer != null) {
      tunnelPeer.config().setAutoRead(ctx.channel().isWritable());
    } else if (call != null) {
      call.upstreamWritable(ctx.channel().isWritable());
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (tunnelPeer != null) {
      tunnelPeer.close();
    } else if (call != null) {
      UpstreamCall c = call;
      call = null;
      c.onUpstreamClosed();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("upstream connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}

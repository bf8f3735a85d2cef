package io.berth.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * The gateway's connections to upstreams: kept open between requests (HTTP/1.1 keep-alive) in a pool per event
 * loop, so a request and the upstream connection that carries it always run on the same thread, and opened on that
 * loop when none is idle. An idle connection the upstream closes leaves the pool by itself.
 */
final class UpstreamPool {
  /** Idle connections kept per upstream and event loop. */
  private static final int MAX_IDLE = 256;
  private static final int CONNECT_TIMEOUT_MILLIS = 5000;

  /** An upstream's address and whether it speaks TLS. */
  record Address(String host, int port, boolean tls) {
    static Address of(URI target) {
      boolean tls = "https".equalsIgnoreCase(target.getScheme()) || "wss".equalsIgnoreCase(target.getScheme());
      int port = target.getPort() > 0 ? target.getPort() : tls ? 443 : 80;
      return new Address(target.getHost(), port, tls);
    }

    /** The value of the {@code Host} header for it. */
    String authority() {
      boolean usual = tls ? port == 443 : port == 80;
      String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
      return usual ? h : h + ":" + port;
    }
  }

  private final Class<? extends Channel> channelType;
  private final SslContext tls;
  private final FastThreadLocal<Map<Address, ArrayDeque<Channel>>> idle = new FastThreadLocal<>() {
    @Override
    protected Map<Address, ArrayDeque<Channel>> initialValue() {
      return new HashMap<>();
    }
  };

  UpstreamPool(Class<? extends Channel> channelType) {
    this.channelType = channelType;
    try {
      // upstreams over TLS are verified against the JVM's trusted roots
      this.tls = SslContextBuilder.forClient().build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up TLS to upstreams", e);
    }
  }

  /** An idle connection to {@code address} on the calling event loop, or null. */
  Channel idle(Address address) {
    ArrayDeque<Channel> channels = idle.get().get(address);
    if (channels == null) {
      return null;
    }
    Channel c;
    while ((c = channels.pollLast()) != null) {
      if (c.isActive()) {
        return c;
      }
    }
    return null;
  }

  /** Gives a connection back after a complete exchange; called on its event loop. */
  void release(Address address, Channel channel) {
    ArrayDeque<Channel> channels = idle.get().computeIfAbsent(address, a -> new ArrayDeque<>());
    if (!channel.isActive() || channels.size() >= MAX_IDLE) {
      channel.close();
      return;
    }
    channels.addLast(channel);
  }

  /** Opens a connection on {@code loop}; its pipeline ends in {@code handler}. */
  ChannelFuture connect(EventLoop loop, Address address, UpstreamHandler handler) {
    Bootstrap bootstrap = new Bootstrap().group(loop).channel(channelType)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            if (address.tls()) {
              ch.pipeline().addLast(tls.newHandler(ch.alloc(), address.host(), address.port()));
            }
            // an upstream's header lines were split by the codec already (no CR or LF can pass into a value): their
            // characters are not checked once more for each answer
            ch.pipeline().addLast(new HttpClientCodec(new io.netty.handler.codec.http.HttpDecoderConfig()
                .setMaxInitialLineLength(16 * 1024).setMaxHeaderSize(16 * 1024).setMaxChunkSize(64 * 1024)
                .setHeadersFactory(io.netty.handler.codec.http.DefaultHttpHeadersFactory.headersFactory().withValidation(false)),
                HttpClientCodec.DEFAULT_PARSE_HTTP_AFTER_CONNECT_REQUEST, HttpClientCodec.DEFAULT_FAIL_ON_MISSING_RESPONSE), handler);
          }
        });
    ChannelFuture connected = bootstrap.connect(address.host(), address.port());
    connected.channel().closeFuture().addListener(f -> {
      ArrayDeque<Channel> channels = idle.get().get(address);
      if (channels != null) {
        channels.remove(connected.channel());
      }
    });
    return connected;
  }
}

package io.berth.http;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.common.id.IdGenerator;
import io.berth.common.time.Ticker;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's server: HTTP and (once it has a {@link TlsIdentity}) HTTPS listeners whose every request is given a
 * request id ({@code X-Request-Id}), decided by a {@link ProxyRouter}, then answered, served in-process or streamed
 * to an upstream, and recorded in the {@link AccessLog}.
 *
 * <p>It is a lean HTTP/1.1 proxy on Netty (epoll where available), not on Berth's API server ({@link HttpServer}):
 * each client connection and the upstream connections that carry its requests live on one event loop, kept-alive
 * upstream connections are pooled per loop, and bodies pass through as the codec's parts without request and
 * response objects in between (bench/gateway measured Jetty's server and client at ~30 of the ~38 µs of CPU a
 * forwarded request cost). What may block runs on virtual threads ({@link ProxyConnection}).
 */
public final class ReverseProxy implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReverseProxy.class);
  private static final int MAX_HEAD_BYTES = 16 * 1024;
  /** A keep-alive connection without a request for this long is closed. */
  private static final int CLIENT_IDLE_SECONDS = 60;

  private final String host;
  private final EventLoopGroup loops;
  private final boolean epoll;
  private final ProxyGate gate;
  private final Channel http;
  private volatile Channel https;

  private ReverseProxy(String host, int port, ProxyRouter router, AccessLog access, IdGenerator ids, Ticker ticker) {
    this.host = host;
    this.epoll = Epoll.isAvailable();
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    DefaultThreadFactory names = new DefaultThreadFactory("gateway-" + port, true);
    this.loops = epoll ? new EpollEventLoopGroup(threads, names) : new NioEventLoopGroup(threads, names);
    ExecutorService blocking = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("gateway-" + port + "-", 0).factory());
    this.gate = new ProxyGate(router, access, ids, ticker,
        new UpstreamPool(epoll ? EpollSocketChannel.class : NioSocketChannel.class), blocking);
    try {
      this.http = listen(port, null);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Starts the HTTP listener on {@code host:port} (0 picks a free port). */
  public static ReverseProxy start(String host, int port, ProxyRouter router, AccessLog access, IdGenerator ids, Ticker ticker) {
    return new ReverseProxy(host, port, router, access, ids, ticker);
  }

  /** Adds the HTTPS listener on {@code port} with this identity. */
  public synchronized void startTls(int port, TlsIdentity identity) {
    if (https != null) {
      throw new IllegalStateException("HTTPS is already listening");
    }
    SslContext tls;
    try {
      tls = SslContextBuilder.forServer(identity.key(), identity.chain().toArray(X509Certificate[]::new))
          .sslProvider(SslProvider.JDK).protocols("TLSv1.3", "TLSv1.2").build();
    } catch (Exception e) {
      throw new BerthException(ErrorCode.UNAVAILABLE, "cannot set up TLS on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    https = listen(port, tls);
  }

  private Channel listen(int port, SslContext tls) {
    Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    ServerBootstrap bootstrap = new ServerBootstrap().group(loops).channel(type)
        .option(ChannelOption.SO_REUSEADDR, true)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            if (tls != null) {
              ch.pipeline().addLast(tls.newHandler(ch.alloc()));
            }
            ch.pipeline().addLast(new HttpServerCodec(MAX_HEAD_BYTES, MAX_HEAD_BYTES, 64 * 1024),
                new HttpServerExpectContinueHandler(),
                new IdleStateHandler(CLIENT_IDLE_SECONDS, 0, 0, TimeUnit.SECONDS),
                new ProxyConnection(gate, tls != null));
          }
        });
    try {
      return bootstrap.bind(new InetSocketAddress(host, port)).sync().channel();
    } catch (Exception e) {
      String what = tls == null ? "" : "with TLS ";
      throw new BerthException(ErrorCode.UNAVAILABLE, "cannot listen " + what + "on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return ((InetSocketAddress) http.localAddress()).getPort();
  }

  /** The HTTPS port, or -1 before {@link #startTls}. */
  public int tlsPort() {
    Channel s = https;
    return s == null ? -1 : ((InetSocketAddress) s.localAddress()).getPort();
  }

  public String url() {
    return "http://" + host + ":" + port();
  }

  @Override
  public void close() {
    try {
      if (http != null) {
        http.close().syncUninterruptibly();
      }
      Channel s = https;
      if (s != null) {
        s.close().syncUninterruptibly();
      }
      loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    } catch (RuntimeException e) {
      log.warn("stopping the gateway on {} failed", host, e);
    } finally {
      if (gate != null) {
        gate.blocking().shutdownNow();
      }
    }
  }
}

package io.berth.dns.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DNS over UDP: a few platform threads, each with its own blocking socket on the same address ({@code SO_REUSEPORT}:
 * the kernel spreads clients over them, as unbound's {@code so-reuseport} does; one shared socket where the option is
 * missing). Each thread receives a packet, answers it through the {@link QueryHandler} and sends the answer. Forwarded
 * answers are sent from the forwarding thread when they arrive, so a slow upstream never holds a receiving thread.
 */
final class UdpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UdpServer.class);

  private final List<DatagramChannel> channels = new ArrayList<>();
  private final QueryHandler handler;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean closed;

  UdpServer(InetSocketAddress bind, QueryHandler handler, int threadCount) throws IOException {
    this.handler = handler;
    boolean reusePort;
    try (DatagramChannel probe = DatagramChannel.open()) {
      reusePort = probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
    }
    try {
      channels.add(open(bind, reusePort));
      InetSocketAddress bound = (InetSocketAddress) channels.getFirst().getLocalAddress();
      for (int i = 1; reusePort && i < threadCount; i++) {
        channels.add(open(bound, true));
      }
    } catch (IOException e) {
      closeChannels();
      throw e;
    }
    for (int i = 0; i < threadCount; i++) {
      DatagramChannel channel = channels.get(i % channels.size());
      threads.add(Thread.ofPlatform().daemon().name("dns-udp-" + port() + "-" + i).start(() -> serve(channel)));
    }
  }

  private static DatagramChannel open(InetSocketAddress bind, boolean reusePort) throws IOException {
    DatagramChannel channel = DatagramChannel.open(bind.getAddress() instanceof java.net.Inet6Address
        ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
    try {
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      if (reusePort) {
        channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
      }
      channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
      channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
      channel.bind(bind);
      return channel;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  int port() {
    try {
      return ((InetSocketAddress) channels.getFirst().getLocalAddress()).getPort();
    } catch (IOException e) {
      return -1;
    }
  }

  private void serve(DatagramChannel channel) {
    byte[] bytes = new byte[65535];
    ByteBuffer in = ByteBuffer.wrap(bytes);
    ByteBuffer out = ByteBuffer.allocateDirect(Truncation.MAX_EDNS);
    QueryKey scratch = new QueryKey();
    while (!closed) {
      SocketAddress from;
      try {
        in.clear();
        from = channel.receive(in);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        log.debug("receiving failed: {}", e.toString());
        continue;
      }
      if (from == null) {
        continue;
      }
      if (handler.answerFromCache(bytes, in.position(), scratch, out)) {
        try {
          channel.send(out, from);
        } catch (IOException e) {
          log.debug("sending to {} failed: {}", from, e.toString());
        }
        continue;
      }
      switch (handler.handle(bytes, in.position(), false)) {
        case QueryHandler.Outcome.Reply r -> send(channel, r.bytes(), from);
        case QueryHandler.Outcome.Drop d -> { }
        case QueryHandler.Outcome.Later l -> l.bytes().thenAccept(reply -> {
          if (reply != null) {
            send(channel, reply, from);
          }
        });
      }
    }
  }

  private static void send(DatagramChannel channel, byte[] reply, SocketAddress to) {
    try {
      channel.send(ByteBuffer.wrap(reply), to);
    } catch (IOException e) {
      log.debug("sending to {} failed: {}", to, e.toString());
    }
  }

  private void closeChannels() {
    for (DatagramChannel channel : channels) {
      try {
        channel.close();
      } catch (IOException e) {
        log.debug("closing failed", e);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    closeChannels();
    threads.forEach(t -> {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }
}

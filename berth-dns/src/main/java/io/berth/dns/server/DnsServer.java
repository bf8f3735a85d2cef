package io.berth.dns.server;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A DNS server on one address and port, over UDP and TCP, answering through a {@link QueryHandler}. */
public final class DnsServer implements AutoCloseable {
  private final UdpServer udp;
  private final TcpServer tcp;
  private final String host;

  private DnsServer(String host, UdpServer udp, TcpServer tcp) {
    this.host = host;
    this.udp = udp;
    this.tcp = tcp;
  }

  /**
   * Listens on {@code host:port} (UDP and TCP; port 0 picks one free for both).
   *
   * @throws BerthException (UNAVAILABLE) when the address cannot be bound, e.g. port 53 without the right to it
   */
  public static DnsServer start(String host, int port, QueryHandler handler, int udpThreads) {
    IOException last = null;
    for (int attempt = 0; attempt < (port == 0 ? 10 : 1); attempt++) {
      UdpServer udp = null;
      try {
        InetAddress address = org.xbill.DNS.Address.getByAddress(host);
        udp = new UdpServer(new InetSocketAddress(address, port), handler, udpThreads);
        TcpServer tcp = new TcpServer(new InetSocketAddress(address, udp.port()), handler);
        return new DnsServer(host, udp, tcp);
      } catch (IOException e) {
        last = e;
        if (udp != null) {
          udp.close();
        }
      }
    }
    throw new BerthException(ErrorCode.UNAVAILABLE, "cannot serve DNS on " + host + ":" + port + ": " + last.getMessage(), last);
  }

  public int port() {
    return udp.port();
  }

  /** {@code host:port}, as {@code cluster.json} lists it. */
  public String address() {
    return host + ":" + port();
  }

  @Override
  public void close() {
    tcp.close();
    udp.close();
  }
}

package io.berth.dns.server;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DNS over TCP (RFC 7766): each connection on its own virtual thread, any number of length-prefixed queries in turn,
 * closed after {@link #IDLE_MILLIS} without a query. At most {@link #MAX_CONNECTIONS} connections at once; more are
 * closed at once. A connection that sends garbage only harms itself.
 */
final class TcpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TcpServer.class);
  static final int IDLE_MILLIS = 10_000;
  static final int MAX_CONNECTIONS = 512;
  private static final long FORWARD_WAIT_SECONDS = 30;

  private final ServerSocket server;
  private final QueryHandler handler;
  private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
  private final Thread acceptor;

  TcpServer(InetSocketAddress bind, QueryHandler handler) throws IOException {
    this.handler = handler;
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    try {
      server.bind(bind, 256);
    } catch (IOException e) {
      server.close();
      throw e;
    }
    acceptor = Thread.ofPlatform().daemon().name("dns-tcp-" + server.getLocalPort()).start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (!server.isClosed()) {
          log.debug("accept failed: {}", e.toString());
        }
        continue;
      }
      if (!slots.tryAcquire()) {
        closeQuietly(socket);
        continue;
      }
      Thread.ofVirtual().name("dns-tcp-conn").start(() -> {
        try {
          serve(socket);
        } finally {
          slots.release();
          closeQuietly(socket);
        }
      });
    }
  }

  private void serve(Socket socket) {
    try {
      socket.setSoTimeout(IDLE_MILLIS);
      socket.setTcpNoDelay(true);
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      OutputStream out = socket.getOutputStream();
      while (true) {
        int length = in.readUnsignedShort();
        byte[] query = new byte[length];
        in.readFully(query);
        byte[] reply = switch (handler.handle(query, length, true)) {
          case QueryHandler.Outcome.Reply r -> r.bytes();
          case QueryHandler.Outcome.Drop d -> null;
          case QueryHandler.Outcome.Later l -> l.bytes().get(FORWARD_WAIT_SECONDS, TimeUnit.SECONDS);
        };
        if (reply == null) {
          return; // nothing sensible to say: end the connection
        }
        byte[] framed = new byte[reply.length + 2];
        framed[0] = (byte) (reply.length >>> 8);
        framed[1] = (byte) reply.length;
        System.arraycopy(reply, 0, framed, 2, reply.length);
        out.write(framed);
        out.flush();
      }
    } catch (EOFException | SocketTimeoutException e) {
      // the client is done, or idle
    } catch (Exception e) {
      log.debug("TCP connection from {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      log.debug("closing failed", e);
    }
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Free ports for tests that must pass a port to a separate process: free for TCP and for UDP (a port may serve DNS over
 * both), and below Linux's ephemeral range (32768 and up), so that no outgoing connection of this machine can hold it
 * while the process that was given it starts.
 */
public final class FreePorts {
  private static final int FIRST = 20_000;
  private static final int LAST = 32_000;
  private static final java.util.concurrent.atomic.AtomicInteger NEXT = new java.util.concurrent.atomic.AtomicInteger(
      FIRST + (int) (ProcessHandle.current().pid() * 131 % (LAST - FIRST)));

  private FreePorts() {}

  public static int next() {
    for (int tries = 0; tries < LAST - FIRST; tries++) {
      int port = FIRST + Math.floorMod(NEXT.getAndIncrement() - FIRST, LAST - FIRST);
      if (free(port)) {
        return port;
      }
    }
    throw new UncheckedIOException(new IOException("no free port between " + FIRST + " and " + LAST));
  }

  private static boolean free(int port) {
    try (ServerSocket tcp = new ServerSocket()) {
      tcp.bind(new InetSocketAddress(port));
      try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(port))) {
        return true;
      }
    } catch (IOException e) {
      return false;
    }
  }
}

package io.berth.dns.server;

import io.berth.common.time.Ticker;
import io.berth.dns.records.DnsNames;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * Forwards questions outside the cluster zones to upstream resolvers (spec 1.6): tried one after another in list
 * order, each with the per-try timeout, over the transport the client used; the first answer wins. No upstream gives
 * REFUSED, all failing SERVFAIL. Answers are cached for their TTL ({@link ForwardCache}). Each forwarded question
 * runs on its own virtual thread, with a fresh socket and a fresh random id that the answer must match.
 */
public final class Forwarder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

  private final Upstreams upstreams;
  private final Duration timeout;
  private final ForwardCache cache;
  private final Ticker ticker;
  private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("dns-forward-", 0).factory());

  public Forwarder(Upstreams upstreams, Duration timeout, Ticker ticker) {
    this.upstreams = upstreams;
    this.timeout = timeout;
    this.cache = new ForwardCache(ticker, 10_000);
    this.ticker = ticker;
  }

  /** True when some name could be forwarded at all. */
  public boolean enabled() {
    return !upstreams.isEmpty();
  }

  /** The upstream's answer to {@code query} (with the query's id), or REFUSED/SERVFAIL. Never fails. */
  public CompletableFuture<Message> forward(Message query, boolean tcp) {
    String key = ForwardCache.key(query.getQuestion(), dnssecOk(query));
    Optional<Message> cached = cache.get(key);
    if (cached.isPresent()) {
      cached.get().getHeader().setID(query.getHeader().getID());
      return CompletableFuture.completedFuture(cached.get());
    }
    List<InetSocketAddress> targets = upstreams.forName(DnsNames.key(query.getQuestion().getName().toString()));
    if (targets.isEmpty()) {
      return CompletableFuture.completedFuture(failure(query, Rcode.REFUSED));
    }
    CompletableFuture<Message> result = new CompletableFuture<>();
    threads.execute(() -> {
      for (InetSocketAddress upstream : targets) {
        try {
          Message answer = exchange(query, upstream, tcp);
          cache.put(key, answer);
          result.complete(answer);
          return;
        } catch (IOException | RuntimeException e) {
          log.debug("upstream {} failed for {}: {}", upstream, query.getQuestion().getName(), e.toString());
        }
      }
      result.complete(failure(query, Rcode.SERVFAIL));
    });
    return result;
  }

  private Message exchange(Message query, InetSocketAddress upstream, boolean tcp) throws IOException {
    int id = ThreadLocalRandom.current().nextInt(0x10000);
    Message outgoing = query.clone();
    outgoing.getHeader().setID(id);
    byte[] wire = outgoing.toWire();
    byte[] reply = tcp ? overTcp(wire, upstream) : overUdp(wire, upstream, id);
    Message answer = new Message(reply);
    if (answer.getHeader().getID() != id || answer.getQuestion() == null
        || !answer.getQuestion().getName().equals(query.getQuestion().getName())
        || answer.getQuestion().getType() != query.getQuestion().getType()) {
      throw new IOException("answer does not match the question");
    }
    answer.getHeader().setID(query.getHeader().getID());
    return answer;
  }

  private byte[] overUdp(byte[] wire, InetSocketAddress upstream, int id) throws IOException {
    long deadline = ticker.nanos() + timeout.toNanos();
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.connect(upstream);
      socket.send(new DatagramPacket(wire, wire.length));
      byte[] buffer = new byte[65535];
      while (true) {
        long left = Math.max(1, (deadline - ticker.nanos()) / 1_000_000);
        if (ticker.nanos() >= deadline) {
          throw new SocketTimeoutException("no answer from " + upstream + " within " + timeout.toMillis() + " ms");
        }
        socket.setSoTimeout((int) left);
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        if (packet.getLength() >= 2 && (((buffer[0] & 0xff) << 8) | (buffer[1] & 0xff)) == id) {
          return java.util.Arrays.copyOf(buffer, packet.getLength());
        }
      }
    }
  }

  private byte[] overTcp(byte[] wire, InetSocketAddress upstream) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(upstream, (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(new byte[] {(byte) (wire.length >>> 8), (byte) wire.length});
      out.write(wire);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] reply = new byte[in.readUnsignedShort()];
      in.readFully(reply);
      return reply;
    }
  }

  static Message failure(Message query, int rcode) {
    Message response = ZoneAnswers.responseTo(query, true);
    response.getHeader().setRcode(rcode);
    return response;
  }

  private static boolean dnssecOk(Message query) {
    return query.getOPT() != null && (query.getOPT().getFlags() & ExtendedFlags.DO) != 0;
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}

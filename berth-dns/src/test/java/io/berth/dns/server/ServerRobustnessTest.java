package io.berth.dns.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.dns.DnsConfig;
import io.berth.dns.records.RecordGeneratorFixture;
import io.berth.dns.records.RecordSet;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Garbage over UDP and TCP, stalled connections: the server keeps answering everyone else. */
class ServerRobustnessTest {
  static final RecordSet RECORDS = RecordGeneratorFixture.records();
  DnsServer server;

  @BeforeEach
  void start() {
    server = DnsServer.start("127.0.0.1", 0, new QueryHandler(DnsConfig.defaults(List.of()), () -> RECORDS, true, null), 2);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  void assertStillAnswers(boolean tcp) throws Exception {
    SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", server.port()));
    resolver.setTCP(tcp);
    resolver.setTimeout(Duration.ofSeconds(1));
    Message m = resolver.send(Message.newQuery(Record.newRecord(Name.fromString("leader.mesos."), Type.A, DClass.IN)));
    assertThat(m.getSection(Section.ANSWER)).hasSize(1);
  }

  @Test
  void randomAndMutatedDatagramsDoNotStallValidQueries() throws Exception {
    Random random = new Random(42);
    List<byte[]> valid = MalformedPacketTest.validQueries();
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(1000);
      InetSocketAddress to = new InetSocketAddress("127.0.0.1", server.port());
      for (int i = 0; i < 2000; i++) {
        byte[] packet;
        if (i % 2 == 0) {
          packet = new byte[random.nextInt(600)];
          random.nextBytes(packet);
        } else {
          packet = valid.get(random.nextInt(valid.size())).clone();
          packet[random.nextInt(packet.length)] = (byte) random.nextInt(256);
        }
        socket.send(new DatagramPacket(packet, packet.length, to));
        if (i % 100 == 0) {
          assertStillAnswers(false);
        }
      }
    }
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(1000);
      InetSocketAddress to = new InetSocketAddress("127.0.0.1", server.port());
      int formerr = 0;
      // a query with a broken question is answered FORMERR with its id
      byte[] garbage = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xc0};
      socket.send(new DatagramPacket(garbage, garbage.length, to));
      byte[] buffer = new byte[4096];
      while (formerr == 0) {
        DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
        socket.receive(reply);
        if (buffer[0] == 0x12 && buffer[1] == 0x34) {
          formerr = buffer[3] & 0x0f;
        }
      }
      assertThat(formerr).isEqualTo(Rcode.FORMERR);
    }
    assertStillAnswers(false);
    assertStillAnswers(true);
  }

  @Test
  void stalledAndGarbageTcpConnectionsDoNotBlockOthers() throws Exception {
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        Socket s = new Socket("127.0.0.1", server.port());
        s.getOutputStream().write(0); // half a length prefix, then nothing
        stalled.add(s);
      }
      assertStillAnswers(true);
      assertStillAnswers(false);
      try (Socket garbage = new Socket("127.0.0.1", server.port())) {
        garbage.setSoTimeout(2000);
        OutputStream out = garbage.getOutputStream();
        byte[] body = {0x55, 0x66, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 63, 'x'};
        out.write(new byte[] {0, (byte) body.length});
        out.write(body);
        DataInputStream in = new DataInputStream(garbage.getInputStream());
        byte[] reply = new byte[in.readUnsignedShort()];
        in.readFully(reply);
        assertThat(reply[0]).isEqualTo((byte) 0x55);
        assertThat(reply[3] & 0x0f).isEqualTo(Rcode.FORMERR);
      }
      assertStillAnswers(true);
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }
  }
}

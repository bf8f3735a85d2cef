package io.berth.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.time.SystemTime;
import io.berth.dns.records.RecordGeneratorFixture;
import io.berth.dns.server.DnsServer;
import io.berth.dns.server.QueryHandler;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class NodeForwarderTest {
  @TempDir Path temp;

  static Message ask(int port, String name) throws Exception {
    SimpleResolver r = new SimpleResolver(new InetSocketAddress("127.0.0.1", port));
    r.setTimeout(Duration.ofSeconds(2));
    return r.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
  }

  @Test
  void clusterZonesGoToTheLeadingMastersDns() throws Exception {
    try (DnsServer master = DnsServer.start("127.0.0.1", 0, new QueryHandler(DnsConfig.defaults(List.of()),
        RecordGeneratorFixture::records, true, null), 1)) {
      AtomicReference<List<InetSocketAddress>> leader = new AtomicReference<>(List.of());
      try (NodeForwarder forwarder = NodeForwarder.start("mesos", leader::get, List.of(), "127.0.0.1", 0,
          Duration.ofMillis(500), SystemTime.ticker())) {
        assertThat(ask(forwarder.port(), "leader.mesos.").getRcode()).isEqualTo(Rcode.REFUSED); // no leader known yet
        leader.set(List.of(new InetSocketAddress("127.0.0.1", master.port())));
        Message answer = ask(forwarder.port(), "app-g2-g1.marathon.mesos.");
        assertThat(((ARecord) answer.getSection(Section.ANSWER).getFirst()).getAddress().getHostAddress()).isEqualTo("10.0.1.3");
        Message dcos = ask(forwarder.port(), "app-g2-g1.marathon.autoip.dcos.thisdcos.directory.");
        assertThat(dcos.getSection(Section.ANSWER)).hasSize(1);
        assertThat(ask(forwarder.port(), "example.com.").getRcode()).isEqualTo(Rcode.REFUSED); // no upstreams
      }
    }
  }

  @Test
  void hostResolvConfIsReadWithoutTheForwarderItself() throws Exception {
    Path file = temp.resolve("resolv.conf");
    Files.writeString(file, "# comment\nsearch a.example b.example\nnameserver 10.0.0.2\nnameserver 127.0.0.2\n"
        + "nameserver [::1]:5353\nnameserver bogus\noptions ndots:2\n");
    NodeForwarder.HostResolvers r = NodeForwarder.hostResolvers(file, new InetSocketAddress("127.0.0.2", 53));
    assertThat(r.nameservers()).containsExactly(new InetSocketAddress("10.0.0.2", 53), new InetSocketAddress("::1", 5353));
    assertThat(r.search()).containsExactly("a.example", "b.example");
    assertThat(NodeForwarder.hostResolvers(temp.resolve("missing"), null).nameservers()).isEmpty();
    assertThat(NodeForwarder.resolvConf("127.0.0.2", r.search()))
        .isEqualTo("# written by the Berth agent: the node-local DNS forwarder\nsearch a.example b.example\n"
            + "nameserver 127.0.0.2\noptions timeout:1 attempts:3\n");
  }
}

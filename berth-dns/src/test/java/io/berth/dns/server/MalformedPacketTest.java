package io.berth.dns.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.dns.DnsConfig;
import io.berth.dns.records.RecordGeneratorFixture;
import io.berth.dns.records.RecordSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Random and mutated packets never make the handler throw or hang: it drops them or answers with a well-formed
 * message that carries the query's id, QR set, and (for packets it cannot read) FORMERR.
 */
class MalformedPacketTest {
  static final RecordSet RECORDS = RecordGeneratorFixture.records();
  static final QueryHandler HANDLER = new QueryHandler(DnsConfig.defaults(List.of()), () -> RECORDS, true, null);

  @Property(tries = 3000)
  void randomBytesAreDroppedOrAnsweredWithAHeader(@ForAll @Size(max = 700) byte[] packet) {
    check(packet);
  }

  @Property(tries = 3000)
  void mutatedQueriesAreDroppedOrAnsweredWithAHeader(@ForAll("mutated") byte[] packet) {
    check(packet);
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    Arbitrary<byte[]> valid = Arbitraries.of(validQueries());
    return valid.flatMap(q -> Arbitraries.integers().between(1, 6).flatMap(n -> Arbitraries.integers()
        .between(0, q.length - 1).list().ofSize(n).flatMap(positions -> Arbitraries.bytes().list().ofSize(n)
            .flatMap(values -> Arbitraries.integers().between(0, q.length + 4).map(cut -> {
              byte[] m = java.util.Arrays.copyOf(q, Math.max(1, Math.min(cut, q.length + 4)));
              for (int i = 0; i < positions.size(); i++) {
                if (positions.get(i) < m.length) {
                  m[positions.get(i)] = values.get(i);
                }
              }
              return m;
            })))));
  }

  static List<byte[]> validQueries() {
    try {
      Message a = Message.newQuery(Record.newRecord(Name.fromString("app-g2-g1.marathon.mesos."), Type.A, DClass.IN));
      Message srv = Message.newQuery(Record.newRecord(Name.fromString("_app-g2-g1._tcp.marathon.mesos."), Type.SRV, DClass.IN));
      srv.addRecord(new OPTRecord(4096, 0, 0, 0), Section.ADDITIONAL);
      Message any = Message.newQuery(Record.newRecord(Name.fromString("leader.mesos."), Type.ANY, DClass.IN));
      return List.of(a.toWire(), srv.toWire(), any.toWire());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void check(byte[] packet) {
    for (boolean tcp : new boolean[] {false, true}) {
      QueryHandler.Outcome outcome = HANDLER.handle(packet, packet.length, tcp);
      switch (outcome) {
        case QueryHandler.Outcome.Drop d -> assertThat(packet.length < 12 || (packet[2] & 0x80) != 0).isTrue();
        case QueryHandler.Outcome.Later l -> throw new AssertionError("nothing is forwarded without a forwarder");
        case QueryHandler.Outcome.Reply r -> {
          byte[] reply = r.bytes();
          assertThat(reply.length).isGreaterThanOrEqualTo(12).isLessThanOrEqualTo(tcp ? 65535 : 4096);
          assertThat(reply[0]).isEqualTo(packet[0]);
          assertThat(reply[1]).isEqualTo(packet[1]);
          assertThat(reply[2] & 0x80).isEqualTo(0x80);
          Message parsed;
          try {
            parsed = new Message(reply);
          } catch (java.io.IOException e) {
            throw new AssertionError("the reply does not parse", e);
          }
          assertThat(parsed.getRcode()).isIn(Rcode.NOERROR, Rcode.NXDOMAIN, Rcode.FORMERR, Rcode.NOTIMP, Rcode.REFUSED,
              Rcode.BADVERS);
        }
      }
    }
  }
}

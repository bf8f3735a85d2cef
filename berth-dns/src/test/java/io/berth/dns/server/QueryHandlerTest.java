package io.berth.dns.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.dns.DnsConfig;
import io.berth.dns.records.RecordGeneratorFixture;
import io.berth.dns.records.RecordSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class QueryHandlerTest {
  static final RecordSet RECORDS = RecordGeneratorFixture.records();
  final QueryHandler handler = new QueryHandler(DnsConfig.defaults(List.of()), () -> RECORDS, true, null);

  Message handle(Message query) throws Exception {
    byte[] wire = query.toWire();
    QueryHandler.Outcome outcome = handler.handle(wire, wire.length, false);
    assertThat(outcome).isInstanceOf(QueryHandler.Outcome.Reply.class);
    return new Message(((QueryHandler.Outcome.Reply) outcome).bytes());
  }

  static Message query(String name, int type, int dclass) throws Exception {
    return Message.newQuery(Record.newRecord(Name.fromString(name), type, dclass));
  }

  @Test
  void cachedAnswersAreIdenticalToComputedOnesButForIdAndSpelling() throws Exception {
    Message first = query("app-g2-g1.marathon.mesos.", Type.A, DClass.IN);
    Message second = query("APP-G2-G1.marathon.mesos.", Type.A, DClass.IN);
    second.getHeader().unsetFlag(Flags.RD);
    Message a = handle(first);
    Message b = handle(second);
    assertThat(b.getHeader().getID()).isEqualTo(second.getHeader().getID());
    assertThat(b.getHeader().getFlag(Flags.RD)).isFalse();
    assertThat(a.getHeader().getFlag(Flags.RD)).isTrue();
    assertThat(b.getQuestion().getName().toString()).isEqualTo("APP-G2-G1.marathon.mesos.");
    assertThat(b.getSection(Section.ANSWER).getFirst().getName().toString()).isEqualTo("APP-G2-G1.marathon.mesos.");
    assertThat(b.getSection(Section.ANSWER)).isEqualTo(a.getSection(Section.ANSWER));
  }

  @Test
  void theUdpFastPathWritesTheSameBytesAsTheFullPath() throws Exception {
    Message q = query("LEADER.mesos.", Type.A, DClass.IN);
    byte[] wire = q.toWire();
    java.nio.ByteBuffer out = java.nio.ByteBuffer.allocateDirect(4096);
    QueryKey scratch = new QueryKey();
    QueryHandler fresh = new QueryHandler(DnsConfig.defaults(List.of()), () -> RECORDS, true, null);
    assertThat(fresh.answerFromCache(wire, wire.length, scratch, out)).as("nothing cached yet").isFalse();
    byte[] full = ((QueryHandler.Outcome.Reply) fresh.handle(wire, wire.length, false)).bytes();
    assertThat(fresh.answerFromCache(wire, wire.length, scratch, out)).isTrue();
    byte[] fast = new byte[out.remaining()];
    out.get(fast);
    assertThat(fast).isEqualTo(full);
    byte[] other = query("leader.MESOS.", Type.A, DClass.IN).toWire();
    assertThat(fresh.answerFromCache(other, other.length, scratch, out)).isTrue();
    assertThat(new Message(out).getQuestion().getName().toString()).isEqualTo("leader.MESOS.");
  }

  @Test
  void ednsVersionAboveZeroIsBadvers() throws Exception {
    Message q = query("leader.mesos.", Type.A, DClass.IN);
    q.addRecord(new OPTRecord(1232, 0, 1, 0), Section.ADDITIONAL);
    Message r = handle(q);
    assertThat(r.getRcode()).isEqualTo(Rcode.BADVERS);
    assertThat(r.getOPT().getVersion()).isZero();
  }

  @Test
  void otherOpcodesAreNotImplementedAndResponsesAreDropped() throws Exception {
    Message notify = query("mesos.", Type.SOA, DClass.IN);
    notify.getHeader().setOpcode(Opcode.NOTIFY);
    assertThat(handle(notify).getRcode()).isEqualTo(Rcode.NOTIMP);
    Message response = query("mesos.", Type.SOA, DClass.IN);
    response.getHeader().setFlag(Flags.QR);
    byte[] wire = response.toWire();
    assertThat(handler.handle(wire, wire.length, false)).isInstanceOf(QueryHandler.Outcome.Drop.class);
    assertThat(handler.handle(new byte[5], 5, false)).isInstanceOf(QueryHandler.Outcome.Drop.class);
  }

  @Test
  void twoQuestionsAreFormerr() throws Exception {
    Message q = query("leader.mesos.", Type.A, DClass.IN);
    q.addRecord(Record.newRecord(Name.fromString("master.mesos."), Type.A, DClass.IN), Section.QUESTION);
    assertThat(handle(q).getRcode()).isEqualTo(Rcode.FORMERR);
  }

  @Test
  void clusterNamesInOtherClassesAndForeignNamesWithoutUpstreamsAreRefused() throws Exception {
    assertThat(handle(query("leader.mesos.", Type.A, DClass.CH)).getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(handle(query("example.com.", Type.A, DClass.IN)).getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void anEdnsQueryGetsAnOptRecordBack() throws Exception {
    Message q = query("leader.mesos.", Type.A, DClass.IN);
    q.addRecord(new OPTRecord(4096, 0, 0, 0), Section.ADDITIONAL);
    Message r = handle(q);
    assertThat(r.getOPT()).isNotNull();
    assertThat(r.getOPT().getPayloadSize()).isEqualTo(QueryHandler.EDNS_PAYLOAD);
    assertThat(handle(q).getOPT()).isNotNull(); // the cached form too
  }

  @Test
  void aNewRecordSetNeverServesAnswersOfTheOldOne() throws Exception {
    java.util.concurrent.atomic.AtomicReference<RecordSet> current = new java.util.concurrent.atomic.AtomicReference<>(RECORDS);
    QueryHandler h = new QueryHandler(DnsConfig.defaults(List.of()), current::get, true, null);
    byte[] wire = query("leader.mesos.", Type.A, DClass.IN).toWire();
    Message before = new Message(((QueryHandler.Outcome.Reply) h.handle(wire, wire.length, false)).bytes());
    assertThat(before.getSection(Section.ANSWER)).hasSize(1);
    current.set(RecordSet.EMPTY);
    Message after = new Message(((QueryHandler.Outcome.Reply) h.handle(wire, wire.length, false)).bytes());
    assertThat(after.getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }
}

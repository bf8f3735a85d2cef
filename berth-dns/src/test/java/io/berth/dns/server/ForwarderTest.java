package io.berth.dns.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.common.error.BerthException;
import io.berth.testkit.TestClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ForwarderTest {
  final TestClock clock = new TestClock();

  static Message query(String name) throws Exception {
    return Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
  }

  static Message answer(Message query, long ttl) throws Exception {
    Message m = ZoneAnswers.responseTo(query, true);
    m.addRecord(new ARecord(query.getQuestion().getName(), DClass.IN, ttl, java.net.InetAddress.getByName("192.0.2.1")), Section.ANSWER);
    return m;
  }

  @Test
  void cachedAnswersAgeAndExpire() throws Exception {
    ForwardCache cache = new ForwardCache(clock, 10);
    Message q = query("a.example.");
    String key = ForwardCache.key(q.getQuestion(), false);
    cache.put(key, answer(q, 300));
    clock.advance(Duration.ofSeconds(100));
    Message hit = cache.get(key).orElseThrow();
    assertThat(hit.getSection(Section.ANSWER)).singleElement().satisfies(r -> assertThat(r.getTTL()).isEqualTo(200));
    assertThat(hit.getHeader().getCount(Section.ANSWER)).isEqualTo(1);
    clock.advance(Duration.ofSeconds(200));
    assertThat(cache.get(key)).isEmpty();
  }

  @Test
  void negativeAnswersLiveForTheSoaMinimumAndFailuresAreNotKept() throws Exception {
    ForwardCache cache = new ForwardCache(clock, 10);
    Message q = query("gone.example.");
    Message nx = ZoneAnswers.responseTo(q, true);
    nx.getHeader().setRcode(Rcode.NXDOMAIN);
    nx.addRecord(new SOARecord(Name.fromString("example."), DClass.IN, 3600, Name.fromString("ns.example."),
        Name.fromString("root.example."), 1, 60, 60, 60, 30), Section.AUTHORITY);
    cache.put("nx", nx);
    clock.advance(Duration.ofSeconds(29));
    assertThat(cache.get("nx")).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.get("nx")).isEmpty();
    Message fail = Forwarder.failure(q, Rcode.SERVFAIL);
    cache.put("fail", fail);
    Message truncated = answer(q, 300);
    truncated.getHeader().setFlag(Flags.TC);
    cache.put("tc", truncated);
    assertThat(cache.get("fail")).isEmpty();
    assertThat(cache.get("tc")).isEmpty();
  }

  @Test
  void cacheKeepsAtMostItsSize() throws Exception {
    ForwardCache cache = new ForwardCache(clock, 3);
    for (int i = 0; i < 10; i++) {
      Message q = query("n" + i + ".example.");
      cache.put("k" + i, answer(q, 60));
    }
    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.get("k9")).isPresent();
    assertThat(cache.get("k0")).isEmpty();
  }

  @Test
  void noUpstreamIsRefusedAndDeadUpstreamsServfail() throws Exception {
    try (Forwarder none = new Forwarder(Upstreams.of(List.of()), Duration.ofMillis(200), clock)) {
      assertThat(none.forward(query("x.example."), false).get().getRcode()).isEqualTo(Rcode.REFUSED);
    }
    int dead = DnsServerTest.freeUdpPort();
    try (Forwarder forwarder = new Forwarder(Upstreams.of(List.of(new InetSocketAddress("127.0.0.1", dead))),
        Duration.ofMillis(200), io.berth.common.time.SystemTime.ticker())) {
      Message q = query("x.example.");
      Message answer = forwarder.forward(q, false).get();
      assertThat(answer.getRcode()).isEqualTo(Rcode.SERVFAIL);
      assertThat(answer.getHeader().getID()).isEqualTo(q.getHeader().getID());
      assertThat(forwarder.forward(q, true).get().getRcode()).isEqualTo(Rcode.SERVFAIL);
    }
  }

  @Test
  void upstreamsByZoneAndParsing() {
    InetSocketAddress master = Upstreams.parse("10.0.0.1:8053");
    Upstreams upstreams = new Upstreams(Map.of("mesos.", () -> List.of(master)), List.of(Upstreams.parse("10.0.0.2")));
    assertThat(upstreams.forName("leader.mesos.")).containsExactly(master);
    assertThat(upstreams.forName("mesos.")).containsExactly(master);
    assertThat(upstreams.forName("notmesos.")).containsExactly(new InetSocketAddress("10.0.0.2", 53));
    assertThat(Upstreams.parse("[::1]:5353").getPort()).isEqualTo(5353);
    assertThatThrownBy(() -> Upstreams.parse("dns.google")).isInstanceOf(BerthException.class);
    assertThatThrownBy(() -> Upstreams.parse("10.0.0.1:99999")).isInstanceOf(BerthException.class);
  }
}

package io.berth.dns.server;

import static io.berth.dns.Images.agent;
import static io.berth.dns.Images.framework;
import static io.berth.dns.Images.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.time.SystemTime;
import io.berth.dns.DnsConfig;
import io.berth.dns.Images;
import io.berth.dns.records.MasterAddresses;
import io.berth.dns.records.RecordGenerator;
import io.berth.dns.records.RecordSet;
import io.berth.dns.records.TaskHash;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The real server over UDP and TCP, asked by dnsjava's resolver and by dig; upstream answers from a real unbound. */
class DnsServerTest {
  static final int INSTANCES = 60;
  @TempDir static Path temp;
  static LocalUnbound unbound;
  static DnsServer server;
  static Forwarder forwarder;
  static RecordSet records;

  @BeforeAll
  static void start() throws Exception {
    unbound = new LocalUnbound(temp.resolve("unbound"), Map.of("www.example.test.", "192.0.2.10", "db.example.test.", "192.0.2.11"));
    Images images = new Images().agent(agent("a-S1", "10.0.1.1")).framework(framework("fw-m", "marathon"));
    images.running(task("web.1", "web", "fw-m", "a-S1", List.of(31000L), List.of("http"), Map.of("VIP_0", "/web:80")));
    for (int i = 0; i < INSTANCES; i++) {
      images.running(task("many." + i, "many", "fw-m", "a-S1", List.of(31100L + i), List.of(), Map.of()));
    }
    DnsConfig config = DnsConfig.defaults(List.of("127.0.0.1:" + freeUdpPort(), "127.0.0.1:" + unbound.port))
        .withResolvers(List.of("127.0.0.1:" + freeUdpPort(), "127.0.0.1:" + unbound.port), Duration.ofMillis(500));
    records = new RecordGenerator(config).generate(images.image(), new MasterAddresses(
        Optional.of(new MasterAddresses.Endpoint("127.0.0.1", 5050)), List.of(), List.of("127.0.0.1")), 42);
    forwarder = new Forwarder(Upstreams.of(Upstreams.parseAll(config.resolvers())), config.forwardTimeout(), SystemTime.ticker());
    server = DnsServer.start("127.0.0.1", 0, new QueryHandler(config, () -> records, true, forwarder), 2);
  }

  static int freeUdpPort() throws Exception {
    try (var s = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    forwarder.close();
    unbound.close();
  }

  static Message ask(String name, int type, boolean tcp, int ednsSize) throws Exception {
    SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", server.port()));
    resolver.setTCP(tcp);
    resolver.setIgnoreTruncation(true);
    resolver.setTimeout(Duration.ofSeconds(3));
    if (ednsSize > 0) {
      resolver.setEDNS(0, ednsSize, 0, List.of());
    } else {
      resolver.setEDNS(-1);
    }
    return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
  }

  static Message ask(String name, int type) throws Exception {
    return ask(name, type, false, 0);
  }

  @Test
  void aRecordsAreAuthoritativeWithTheConfiguredTtl() throws Exception {
    Message m = ask("web.marathon.mesos.", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.RA)).isTrue();
    assertThat(m.getSection(Section.ANSWER)).singleElement().satisfies(r -> {
      assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("10.0.1.1");
      assertThat(r.getTTL()).isEqualTo(60);
    });
  }

  @Test
  void srvCarriesTheTargetsAddressInAdditional() throws Exception {
    Message m = ask("_web._tcp.marathon.mesos.", Type.SRV);
    SRVRecord srv = (SRVRecord) m.getSection(Section.ANSWER).getFirst();
    assertThat(srv.getPort()).isEqualTo(31000);
    assertThat(srv.getWeight()).isEqualTo(1);
    assertThat(srv.getTarget().toString()).isEqualTo("web-" + TaskHash.of("web.1") + "-s1.marathon.mesos.");
    assertThat(m.getSection(Section.ADDITIONAL)).anySatisfy(r -> {
      assertThat(r.getName()).isEqualTo(srv.getTarget());
      assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("10.0.1.1");
    });
  }

  @Test
  void nxdomainVersusEmptyNoerrorAsTheSpecSays() throws Exception {
    Message unknownA = ask("nope.marathon.mesos.", Type.A);
    assertThat(unknownA.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(unknownA.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
    Message knownAaaa = ask("web.marathon.mesos.", Type.AAAA);
    assertThat(knownAaaa.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(knownAaaa.getSection(Section.ANSWER)).isEmpty();
    assertThat(knownAaaa.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
    Message unknownSrv = ask("_nope._tcp.marathon.mesos.", Type.SRV);
    assertThat(unknownSrv.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(unknownSrv.getSection(Section.ANSWER)).isEmpty();
    assertThat(unknownSrv.getSection(Section.AUTHORITY)).isEmpty();
    Message txt = ask("nope.mesos.", Type.TXT);
    assertThat(txt.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    Message apex = ask("mesos.", Type.A);
    assertThat(apex.getRcode()).isEqualTo(Rcode.NOERROR);
  }

  @Test
  void soaAndNsGoToTheAuthoritySection() throws Exception {
    Message soa = ask("mesos.", Type.SOA);
    assertThat(soa.getSection(Section.ANSWER)).isEmpty();
    SOARecord s = (SOARecord) soa.getSection(Section.AUTHORITY).getFirst();
    assertThat(s.getHost().toString()).isEqualTo("ns1.mesos.");
    assertThat(s.getAdmin().toString()).isEqualTo("root.ns1.mesos.");
    assertThat(s.getSerial()).isEqualTo(42);
    assertThat(s.getRefresh()).isEqualTo(60);
    assertThat(s.getRetry()).isEqualTo(600);
    assertThat(s.getExpire()).isEqualTo(86400);
    assertThat(s.getMinimum()).isEqualTo(60);
    Message ns = ask("mesos.", Type.NS);
    assertThat(ns.getSection(Section.AUTHORITY)).singleElement().satisfies(r -> assertThat(r.getType()).isEqualTo(Type.NS));
    Message nsOfTask = ask("web.marathon.mesos.", Type.NS);
    assertThat(nsOfTask.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(nsOfTask.getSection(Section.AUTHORITY)).singleElement().satisfies(r -> assertThat(r.getType()).isEqualTo(Type.NS));
  }

  @Test
  void anyIsTheUnionWithSoaAndNs() throws Exception {
    Message any = ask("leader.mesos.", Type.ANY);
    assertThat(any.getSection(Section.ANSWER)).extracting(Record::getType).containsExactly(Type.A);
    assertThat(any.getSection(Section.AUTHORITY)).extracting(Record::getType).containsExactly(Type.SOA, Type.NS);
  }

  @Test
  void dcosNamesAndAliases() throws Exception {
    Message auto = ask("web.marathon.autoip.dcos.thisdcos.directory.", Type.A);
    assertThat(auto.getSection(Section.ANSWER)).singleElement().satisfies(r -> assertThat(r.getTTL()).isEqualTo(5));
    Message vip = ask("web.marathon.l4lb.thisdcos.directory.", Type.A);
    String address = ((ARecord) vip.getSection(Section.ANSWER).getFirst()).getAddress().getHostAddress();
    assertThat(address).startsWith("11.");
    Message alias = ask("web.marathon.dclb.thisdcos.directory.", Type.A);
    assertThat(((ARecord) alias.getSection(Section.ANSWER).getFirst()).getAddress().getHostAddress()).isEqualTo(address);
    assertThat(alias.getSection(Section.ANSWER).getFirst().getName().toString()).isEqualTo("web.marathon.dclb.thisdcos.directory.");
    Message nx = ask("nope.dcos.thisdcos.directory.", Type.A);
    assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(((SOARecord) nx.getSection(Section.AUTHORITY).getFirst()).getHost().toString()).isEqualTo("ns.spartan.");
  }

  @Test
  void namesMatchInAnyCaseAndAnswersKeepTheQuestionsSpelling() throws Exception {
    for (String spelling : List.of("web.marathon.mesos.", "WEB.Marathon.MESOS.", "wEb.mArAtHoN.mEsOs.")) {
      Message m = ask(spelling, Type.A);
      assertThat(m.getSection(Section.ANSWER)).as(spelling).hasSize(1);
      byte[] wire = m.toWire();
      assertThat(new String(wire, java.nio.charset.StandardCharsets.ISO_8859_1)).contains(spelling.substring(0, 3));
    }
  }

  @Test
  void bigAnswersAreTruncatedOverUdpAndCompleteOverTcp() throws Exception {
    Message udp = ask("_many._tcp.marathon.mesos.", Type.SRV);
    assertThat(udp.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(udp.toWire().length).isLessThanOrEqualTo(512);
    assertThat(udp.getSection(Section.ANSWER)).isNotEmpty().hasSizeLessThan(INSTANCES);
    Message edns = ask("_many._tcp.marathon.mesos.", Type.SRV, false, 4096);
    assertThat(edns.getOPT()).isNotNull();
    assertThat(edns.getSection(Section.ANSWER).size()).isGreaterThan(udp.getSection(Section.ANSWER).size());
    Message tcp = ask("_many._tcp.marathon.mesos.", Type.SRV, true, 0);
    assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(tcp.getSection(Section.ANSWER)).hasSize(INSTANCES);
    assertThat(tcp.getSection(Section.ADDITIONAL)).isNotEmpty();
  }

  @Test
  void answersAreRotated() throws Exception {
    java.util.Set<String> firsts = new java.util.HashSet<>();
    for (int i = 0; i < 40; i++) {
      firsts.add(ask("_many._tcp.marathon.mesos.", Type.SRV, true, 0).getSection(Section.ANSWER).getFirst().rdataToString());
    }
    assertThat(firsts).hasSizeGreaterThan(1);
  }

  @Test
  void otherNamesAreForwardedInOrderPastADeadUpstreamAndCached() throws Exception {
    Message m = ask("www.example.test.", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(((ARecord) m.getSection(Section.ANSWER).getFirst()).getAddress().getHostAddress()).isEqualTo("192.0.2.10");
    Message tcp = ask("db.example.test.", Type.A, true, 0);
    assertThat(((ARecord) tcp.getSection(Section.ANSWER).getFirst()).getAddress().getHostAddress()).isEqualTo("192.0.2.11");
    Message nx = ask("nothing.example.test.", Type.A);
    assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void digSeesEveryForm() throws Exception {
    int port = server.port();
    assertThat(Dig.run(port, "+short", "web.marathon.mesos", "A").strip()).isEqualTo("10.0.1.1");
    assertThat(Dig.run(port, "+short", "leader.mesos").strip()).isEqualTo("127.0.0.1");
    assertThat(Dig.run(port, "+short", "_web._tcp.marathon.mesos", "SRV").strip())
        .isEqualTo("0 1 31000 web-" + TaskHash.of("web.1") + "-s1.marathon.mesos.");
    assertThat(Dig.run(port, "nope.mesos", "A")).contains("status: NXDOMAIN").contains("flags: qr aa rd ra");
    assertThat(Dig.run(port, "+short", "www.example.test").strip()).isEqualTo("192.0.2.10");
    // dig retries over TCP when the UDP answer is truncated
    String many = Dig.run(port, "+noedns", "_many._tcp.marathon.mesos", "SRV");
    assertThat(many).contains("Truncated, retrying in TCP mode").contains("ANSWER: " + INSTANCES);
    List<String> lines = new ArrayList<>(List.of(Dig.run(port, "+short", "+tcp", "_many._tcp.marathon.mesos", "SRV").strip().split("\n")));
    assertThat(lines).hasSize(INSTANCES);
  }
}

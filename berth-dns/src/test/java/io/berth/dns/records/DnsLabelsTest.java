package io.berth.dns.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DnsLabelsTest {
  @Test
  void rfc1123GoldenCasesOfTheSpec() {
    assertThat(DnsLabels.rfc1123("fd%gsf---gs7-f$gs--d7fddg-123")).isEqualTo("fdgsf---gs7-fgs--d7fddg-123");
    assertThat(DnsLabels.rfc1123("-4abc123")).isEqualTo("4abc123");
    assertThat(DnsLabels.rfc1123("nginx-router.mesosphere-tutorial")).isEqualTo("nginx-router-mesosphere-tutorial");
    assertThat(DnsLabels.rfc1123("My_App.Group")).isEqualTo("my-app-group");
    assertThat(DnsLabels.rfc1123("/a/b")).isEqualTo("ab");
    assertThat(DnsLabels.rfc1123("ünïcode-app")).isEqualTo("ncode-app");
    assertThat(DnsLabels.rfc1123("---")).isEmpty();
  }

  @Test
  void rfc1123CutsTo63AndRefillsFromTheTailAfterTrimmingADash() {
    String name = "a".repeat(62) + "-bcd";
    assertThat(DnsLabels.rfc1123(name)).isEqualTo("a".repeat(62) + "b").hasSize(63);
    assertThat(DnsLabels.rfc1123("x".repeat(100))).hasSize(63);
  }

  @Test
  void rfc952CutsTo24AndTrimsLeadingDigits() {
    assertThat(DnsLabels.rfc952("nginx-router.mesosphere-tutorial")).isEqualTo("nginx-router-mesospheret");
    assertThat(DnsLabels.rfc952("123-abc")).isEqualTo("abc");
  }

  @Test
  void domainFragmentsKeepDotsBetweenLabels() {
    assertThat(DnsLabels.domainFrag("marathon.prod", DnsLabels::rfc1123)).isEqualTo("marathon.prod");
    assertThat(DnsLabels.domainFrag("Marathon..Prod_1.", DnsLabels::rfc1123)).isEqualTo("marathon.prod-1");
    assertThat(DnsLabels.domainFrag("/mygroup/myapp", DnsLabels::l4lb)).isEqualTo("mygroupmyapp");
    assertThat(DnsLabels.domainFrag("/my.app", DnsLabels::l4lb)).isEqualTo("my.app");
    assertThat(DnsLabels.l4lb("My_Vip")).isEqualTo("my-vip");
  }

  @Test
  void taskHashIsZbase32OfSha1() {
    // computed independently (python3 hashlib + the zbase32 alphabet)
    assertThat(TaskHash.of("task-1")).isEqualTo("yuqzm");
    assertThat(TaskHash.of("hello")).isEqualTo("im4cc");
    assertThat(TaskHash.of("app.6b9c1a2e-1b7f-11e9-a0ac-0242ac110002")).isEqualTo("phodr");
  }

  @Test
  void namesAreValidOnlyWhenTheyCanGoOnTheWire() {
    assertThat(DnsNames.valid("app.marathon.mesos.")).isTrue();
    assertThat(DnsNames.valid("_http._app._tcp.marathon.mesos.")).isTrue();
    assertThat(DnsNames.valid("a..mesos.")).isFalse();
    assertThat(DnsNames.valid("sp ace.mesos.")).isFalse();
    assertThat(DnsNames.valid("x".repeat(64) + ".mesos.")).isFalse();
    assertThat(DnsNames.key("Web.*.Marathon.MESOS")).isEqualTo("web.marathon.mesos.");
  }

  @Test
  void vipLabelsParseAsDcosNetDoes() {
    assertThat(VipAddresses.parse("/mygroup/myapp:80")).contains(new VipAddresses.VipLabel("mygroupmyapp", null, 80));
    assertThat(VipAddresses.parse("1.2.3.4:5000")).contains(new VipAddresses.VipLabel(null, "1.2.3.4", 5000));
    assertThat(VipAddresses.parse("/app")).isEmpty();
    assertThat(VipAddresses.parse("/app:http")).isEmpty();
    assertThat(VipAddresses.parse("/app:70000")).isEmpty();
  }

  @Test
  void vipAddressesAreStableInTheRangeAndDistinct() {
    var one = VipAddresses.allocate(java.util.Set.of("a.marathon", "b.marathon"));
    var two = VipAddresses.allocate(java.util.Set.of("b.marathon", "a.marathon", "c.marathon"));
    assertThat(one.get("a.marathon")).isEqualTo(two.get("a.marathon")).startsWith("11.");
    assertThat(two.values()).doesNotHaveDuplicates();
  }
}

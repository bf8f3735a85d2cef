package io.berth.dns.records;

import io.berth.dns.DnsConfig;
import java.util.List;

/** The record set of {@link RecordGeneratorTest}'s cluster, for other tests. */
public final class RecordGeneratorFixture {
  private RecordGeneratorFixture() {}

  public static RecordSet records() {
    return new RecordGenerator(DnsConfig.defaults(List.of())).generate(RecordGeneratorTest.cluster(),
        RecordGeneratorTest.MASTERS, 7);
  }
}

package io.berth.bench.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DnsPerfTest {
  static final String OUTPUT = """
      [Status] Sending queries (to 127.0.0.1:5399)
      > NOERROR svc-1.marathon.mesos A 0.000167
      > NXDOMAIN svc-2.marathon.mesos A 0.004404
      [Status] Testing complete (time limit)

      Statistics:

        Queries sent:         5
        Queries completed:    4 (80.00%)
        Queries lost:         1 (20.00%)

        Response codes:       NOERROR 3 (75.00%), NXDOMAIN 1 (25.00%)
        Average packet size:  request 34, response 50
        Run time (s):         1.001450
        Queries per second:   4.992760

        Average Latency (s):  0.006844 (min 0.000147, max 0.015747)
        Latency StdDev (s):   0.007458
      """;

  @Test
  void parsesTheStatisticsAndEveryAnswersLatency() {
    DnsPerf.Result r = DnsPerf.parse(OUTPUT);
    assertThat(r.qps()).isEqualTo(4.99276);
    assertThat(r.avgLatencyMs()).isEqualTo(6.844, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.sent()).isEqualTo(5);
    assertThat(r.completed()).isEqualTo(4);
    assertThat(r.lost()).isEqualTo(1);
    assertThat(r.noerror()).isEqualTo(3);
    assertThat(r.latenciesMs()).hasSize(2);
    assertThat(r.latenciesMs().get(0)).isCloseTo(0.167, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.latenciesMs().get(1)).isCloseTo(4.404, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void percentilesAreNearestRank() {
    List<Double> samples = List.of(5.0, 1.0, 3.0, 2.0, 4.0);
    assertThat(DnsPerf.percentile(samples, 50)).isEqualTo(3.0);
    assertThat(DnsPerf.percentile(samples, 99)).isEqualTo(5.0);
    assertThat(DnsPerf.percentile(List.of(), 99)).isNaN();
  }

  @Test
  void theBenchClusterResolvesEachNameToItsAgent() {
    BenchCluster cluster = BenchCluster.of(250);
    assertThat(cluster.names()).hasSize(250);
    assertThat(cluster.image().tasks()).hasSize(250);
    assertThat(cluster.names().get("svc-101.marathon.mesos.")).isEqualTo("10.1.0.2");
  }
}

package io.berth.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WrkTest {
  @Test
  void readsTheResultLineOfTheLuaHook() throws Exception {
    String out = """
        Running 10s test @ http://127.0.0.1:1/mesos/bench/hello
          2 threads and 64 connections
        WRK_RESULT {"requests":200000,"duration_us":10000000,"bytes":1,"connect_errors":1,"read_errors":2,"write_errors":0,\
        "non_2xx":5,"timeouts":3,"mean_us":1500.5,"p50_us":1200,"p90_us":2500,"p99_us":4000,"p999_us":9000,"max_us":12000}
        """;
    Wrk.Result r = Wrk.parse(out);
    assertThat(r.requestsPerSecond()).isCloseTo(20_000, within(0.001));
    assertThat(r.p50Ms()).isEqualTo(1.2);
    assertThat(r.p99Ms()).isEqualTo(4.0);
    assertThat(r.meanMs()).isCloseTo(1.5005, within(1e-9));
    assertThat(r.errors()).isEqualTo(6);
    assertThat(r.non2xx()).isEqualTo(5);
  }

  @Test
  void cpuTimeComesFromUtimeAndStimeOfProcStat() {
    String stat = "4242 (nginx: worker (x)) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 1 0 100 0 0";
    assertThat(CpuTime.parseStat(stat)).isEqualTo(325 * 10_000_000L);
  }

  @Test
  void noResultLineIsAnError() {
    assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused")).isInstanceOf(IOException.class)
        .hasMessageContaining("Connection refused");
  }

  @Test
  void theRatioAndTheAddedLatencyComeFromTheMeans() {
    Wrk.Result berth1 = result(16_000, 2.0);
    Wrk.Result berth2 = result(18_000, 2.0);
    Wrk.Result nginx = result(20_000, 1.0);
    List<Double> backend = new java.util.ArrayList<>(java.util.Collections.nCopies(99, 0.05));
    backend.add(0.1);
    List<Double> viaNginx = new java.util.ArrayList<>(java.util.Collections.nCopies(98, 0.08));
    viaNginx.addAll(List.of(0.25, 0.3));
    List<Double> viaBerth = new java.util.ArrayList<>(java.util.Collections.nCopies(98, 0.2));
    viaBerth.addAll(List.of(0.6, 2.0));
    List<GatewayReport.Cpu> berthCpu = List.of(new GatewayReport.Cpu(40_000, 3_000), new GatewayReport.Cpu(42_000, 5_000));
    List<GatewayReport.Cpu> nginxCpu = List.of(new GatewayReport.Cpu(100, 14_000), new GatewayReport.Cpu(100, 16_000));
    GatewayReport report = new GatewayReport(new GatewayReport.Settings(1, 2, 2, 64, 1, 100, 2), List.of(berth1, berth2),
        List.of(nginx, nginx), berthCpu, nginxCpu, new GatewayReport.Latencies(backend, viaNginx, viaBerth), "1.22",
        "0 0 0", "0 0 0");
    assertThat(report.berthCpuMicros()).isCloseTo(41, within(1e-9));
    assertThat(report.nginxProxyCpuMicros()).isCloseTo(11, within(1e-9));
    assertThat(report.ratio()).isCloseTo(0.85, within(1e-9));
    assertThat(report.berthAddedMs(99)).isCloseTo(0.55, within(1e-9));
    assertThat(report.nginxAddedMs(99)).isCloseTo(0.2, within(1e-9));
    assertThat(report.berthAddedMs(50)).isCloseTo(0.15, within(1e-9));
    assertThat(report.json().path("met").asBoolean()).isTrue();
    assertThat(report.summary()).contains("ratio 0.85").contains("met");
  }

  private static Wrk.Result result(double rps, double p99) {
    return new Wrk.Result(rps, (long) rps, p99 / 2, p99 / 2, p99, p99, p99, p99, 0, 0);
  }
}

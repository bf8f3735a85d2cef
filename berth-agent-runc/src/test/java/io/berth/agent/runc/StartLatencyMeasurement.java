package io.berth.agent.runc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.agent.runtime.ContainerSpec;
import io.berth.common.json.Json;
import io.berth.common.time.SystemTime;
import io.berth.common.time.Ticker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures (does not assert) how long {@code start()} of {@code true} takes, against a raw {@code runc run} of
 * the same bundle. Run with {@code -Dberth.runc.measure=true}; prints the medians and writes them to
 * {@code target/runc-start-latency.txt}. Performance is judged in bench/, not here.
 */
@EnabledIfSystemProperty(named = "berth.runc.measure", matches = "true")
class StartLatencyMeasurement extends RuncTestBase {
  private static final int RUNS = 20;
  private final Ticker ticker = SystemTime.ticker();

  @Test
  void startOfTrueAgainstRawRuncRun() throws IOException {
    List<Long> start = new ArrayList<>();
    List<Long> startToExit = new ArrayList<>();
    List<Long> wholeLife = new ArrayList<>();
    Path bundle = null;
    for (int i = 0; i < RUNS + 3; i++) {
      String id = RuncFixture.newId();
      ContainerSpec spec = fixture.spec(id, List.of("true"));
      long t0 = ticker.nanos();
      runtime.start(spec);
      long t1 = ticker.nanos();
      assertThat(exitOf(runtime.awaitExit(id)).exitCode()).isZero();
      long t2 = ticker.nanos();
      if (bundle == null) {
        bundle = copyBundle(runtime.dir(id));
      }
      runtime.remove(id);
      long t3 = ticker.nanos();
      if (i >= 3) { // warm-up
        start.add(t1 - t0);
        startToExit.add(t2 - t0);
        wholeLife.add(t3 - t0);
      }
    }
    Path rawBundle = bundle;
    List<Long> raw = new ArrayList<>();
    for (int i = 0; i < RUNS + 3; i++) {
      String id = "raw-" + RuncFixture.newId();
      setCgroup(rawBundle, "/berth/" + id);
      long elapsed = time(() -> {
        var result = CommandRunner.run(List.of(fixture.config().runc().toString(), "--root",
            fixture.runcRoot().toString(), "run", "--bundle", rawBundle.toString(), id), Map.of(),
            Duration.ofSeconds(30));
        assertThat(result.exitCode()).as(result.output()).isZero();
        return 0;
      });
      if (i >= 3) {
        raw.add(elapsed);
      }
    }
    String report = String.format("""
        runc start latency (p50 of %d, ms), command `true`, tini=%s:
          RuncRuntime.start()                   %.1f
          start() until awaitExit completes     %.1f
          start() + exit + remove()             %.1f
          raw `runc run` (create, start, wait, delete; same bundle)  %.1f
        """, RUNS, RuncFixture.hasTini(), p50(start), p50(startToExit), p50(wholeLife), p50(raw));
    System.out.println(report);
    Files.writeString(Path.of("target", "runc-start-latency.txt"), report);
  }

  private long time(LongSupplier action) {
    long t0 = ticker.nanos();
    action.getAsLong();
    return ticker.nanos() - t0;
  }

  /** The bundle of a container (its root is the runtime's shared skeleton, which stays while the test runs). */
  private Path copyBundle(ContainerDir dir) throws IOException {
    Path copy = Files.createDirectories(tempDir.resolve("raw-bundle"));
    Files.copy(dir.config(), copy.resolve("config.json"));
    return copy;
  }

  private static void setCgroup(Path bundle, String cgroup) throws IOException {
    ObjectNode config = (ObjectNode) Json.tree(Files.readAllBytes(bundle.resolve("config.json")));
    ((ObjectNode) config.get("linux")).put("cgroupsPath", cgroup);
    Files.write(bundle.resolve("config.json"), Json.write(config));
  }

  private static double p50(List<Long> nanos) {
    List<Long> sorted = nanos.stream().sorted().toList();
    return sorted.get(sorted.size() / 2) / 1e6;
  }
}

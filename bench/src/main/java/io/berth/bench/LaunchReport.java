package io.berth.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/** The result of a launch benchmark run: {@code launch.json} and the summary printed to the user. */
final class LaunchReport {
  static final double GOAL_RATIO_P50 = 1.5;

  private final LaunchOptions options;
  private final Instant date;
  private final Machine machine;
  private final String load;
  private final String reference;
  private final List<BerthLauncher.Sample> berth;
  private final List<Double> runtime;
  private final List<Double> fsync;
  private final List<RuncLauncher.Sample> runc;
  private final int dropped;
  private final List<AgentLog.ContainerStart> agentStarts;
  private final Stats berthStats;
  private final Stats runcStats;

  LaunchReport(LaunchOptions options, Instant date, Machine machine, String load, String reference,
      List<BerthLauncher.Sample> berth, List<Long> runtimeNanos, List<RuncLauncher.Sample> runc, List<Long> fsyncNanos,
      int dropped,
      Map<String, AgentLog.ContainerStart> startsByContainer) {
    this.options = options;
    this.date = date;
    this.machine = machine;
    this.load = load;
    this.reference = reference;
    this.berth = List.copyOf(berth);
    this.runtime = runtimeNanos.stream().map(Stats::millis).toList();
    this.fsync = fsyncNanos.stream().map(Stats::millis).toList();
    this.runc = List.copyOf(runc);
    this.dropped = dropped;
    this.agentStarts = berth.stream().map(s -> startsByContainer.get(s.containerId())).filter(Objects::nonNull).toList();
    this.berthStats = Stats.of(millis(berth, BerthLauncher.Sample::launchNanos));
    this.runcStats = Stats.of(millis(runc, RuncLauncher.Sample::runNanos));
  }

  double ratioP50() {
    return round(berthStats.p50() / runcStats.p50());
  }

  double ratioP99() {
    return round(berthStats.p99() / runcStats.p99());
  }

  void write(Path file) throws IOException {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("benchmark", "launch");
    root.put("date", date.toString());
    ObjectNode m = root.putObject("machine");
    m.put("cpus", machine.cpus());
    m.put("cpu_model", machine.cpuModel());
    m.put("memory_mib", machine.memoryMiB());
    m.put("kernel", machine.kernel());
    m.put("runc_version", machine.runcVersion());
    m.put("java_version", machine.javaVersion());
    m.put("load_average_before_after", load);
    root.put("tasks", berth.size());
    root.put("warmup", options.warmup());
    root.put("block", options.block());
    root.put("command", options.command());
    root.put("pause_ms", options.pause().toMillis());
    root.put("task_resources", "cpus " + BerthLauncher.TASK_CPUS + ", mem " + BerthLauncher.TASK_MEM + " MiB");
    root.put("berth_measures", "ACCEPT (one LAUNCH, refuse 0) sent -> TASK_RUNNING received, Mesos v1 scheduler API over HTTP");
    root.put("runc_measures", reference + ": invocation -> return (container process running); bundle written before");
    root.set("berth", series(berthStats, millis(berth, BerthLauncher.Sample::launchNanos)));
    root.set("runc", series(runcStats, millis(runc, RuncLauncher.Sample::runNanos)));
    root.put("ratio_p50", ratioP50());
    root.put("ratio_p99", ratioP99());
    root.put("goal_ratio_p50", GOAL_RATIO_P50);
    root.put("met", ratioP50() <= GOAL_RATIO_P50);
    root.put("berth_dropped_and_retried", dropped);
    ObjectNode runtimeSeries = series(Stats.of(runtime), runtime);
    runtimeSeries.put("measures", "the agent's RuncRuntime.start (bundle, conmon + runc create, runc start) called"
        + " in the benchmark's process, no master/agent/HTTP; same blocks as the two above");
    runtimeSeries.put("ratio_p50_to_runc", round(Stats.of(runtime).p50() / runcStats.p50()));
    root.set("berth_runtime_in_process", runtimeSeries);
    root.set("berth_phases", phases());
    root.set("runc_bundle_write_ms", stats(Stats.of(millis(runc, RuncLauncher.Sample::bundleNanos))));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Where Berth's time goes, from the agent's status timestamps and its log (milliseconds, p50 and others). */
  private ObjectNode phases() {
    ObjectNode phases = Json.mapper().createObjectNode();
    phases.put("note", "from the agent's status timestamps (ms, same clock) and its 'container started' log lines");
    phases.set("accept_answered_by_master_ms", stats(Stats.of(millis(berth, BerthLauncher.Sample::acceptAnsweredNanos))));
    phases.set("empty_call_round_trip_ms", stats(Stats.of(millis(berth, BerthLauncher.Sample::emptyCallNanos))));
    phases.set("durable_small_write_on_this_disk_ms", stats(Stats.of(fsync)));
    phases.set("accept_to_agent_starting_ms", stats(Stats.of(longs(berth, BerthLauncher.Sample::acceptToStartingMillis))));
    phases.set("agent_starting_to_running_ms", stats(Stats.of(longs(berth, BerthLauncher.Sample::startingToRunningMillis))));
    phases.set("agent_running_to_scheduler_ms", stats(Stats.of(longs(berth, BerthLauncher.Sample::runningDeliveryMillis))));
    ObjectNode runtime = phases.putObject("agent_runc_runtime_ms");
    runtime.put("samples", agentStarts.size());
    runtime.set("total", stats(Stats.of(longs(agentStarts, AgentLog.ContainerStart::total))));
    runtime.set("bundle", stats(Stats.of(longs(agentStarts, AgentLog.ContainerStart::bundle))));
    runtime.set("conmon_runc_create", stats(Stats.of(longs(agentStarts, AgentLog.ContainerStart::create))));
    runtime.set("runc_start", stats(Stats.of(longs(agentStarts, AgentLog.ContainerStart::start))));
    return phases;
  }

  String summary() {
    StringBuilder s = new StringBuilder();
    s.append(String.format("launch latency, %d sequential tasks each (`%s`, warm-up %d), %d cpus, load %s%n",
        berth.size(), options.command(), options.warmup(), machine.cpus(), load));
    s.append(String.format("  %-30s %9s %9s %9s %9s%n", "", "p50 ms", "p90 ms", "p99 ms", "mean ms"));
    s.append(line("Berth (ACCEPT -> TASK_RUNNING)", berthStats));
    s.append(line("runc run -d (same bundle)", runcStats));
    s.append(line("agent runtime alone (in-proc)", Stats.of(runtime)));
    s.append(String.format("  ratio p50 %.2fx, p99 %.2fx; goal p50 <= %.1fx: %s%n", ratioP50(), ratioP99(),
        GOAL_RATIO_P50, ratioP50() <= GOAL_RATIO_P50 ? "met" : "NOT met"));
    s.append(String.format("  Berth phases (p50 ms): ACCEPT->agent STARTING %.0f, STARTING->RUNNING on the agent %.0f,"
            + " RUNNING->scheduler %.0f%n",
        Stats.of(longs(berth, BerthLauncher.Sample::acceptToStartingMillis)).p50(),
        Stats.of(longs(berth, BerthLauncher.Sample::startingToRunningMillis)).p50(),
        Stats.of(longs(berth, BerthLauncher.Sample::runningDeliveryMillis)).p50()));
    s.append(String.format("  master (p50 ms): ACCEPT answered (after its ZooKeeper commit) %.1f, a call without commit %.1f;"
            + " one fsynced write + rename + dir fsync on this disk %.1f%n",
        Stats.of(millis(berth, BerthLauncher.Sample::acceptAnsweredNanos)).p50(),
        Stats.of(millis(berth, BerthLauncher.Sample::emptyCallNanos)).p50(), Stats.of(fsync).p50()));
    if (!agentStarts.isEmpty()) {
      s.append(String.format("  agent runc runtime (p50 ms): bundle %.0f, conmon+runc create %.0f, runc start %.0f,"
              + " total %.0f%n",
          Stats.of(longs(agentStarts, AgentLog.ContainerStart::bundle)).p50(),
          Stats.of(longs(agentStarts, AgentLog.ContainerStart::create)).p50(),
          Stats.of(longs(agentStarts, AgentLog.ContainerStart::start)).p50(),
          Stats.of(longs(agentStarts, AgentLog.ContainerStart::total)).p50()));
    }
    s.append(String.format("  reference bundle write (not timed in runc's figure), p50 ms: %.1f%n",
        Stats.of(millis(runc, RuncLauncher.Sample::bundleNanos)).p50()));
    return s.toString();
  }

  private static String line(String name, Stats stats) {
    return String.format("  %-30s %9.1f %9.1f %9.1f %9.1f%n", name, stats.p50(), stats.p90(), stats.p99(), stats.mean());
  }

  private static ObjectNode series(Stats stats, List<Double> samples) {
    ObjectNode node = stats(stats);
    ArrayNode array = node.putArray("samples_ms");
    samples.forEach(array::add);
    return node;
  }

  private static ObjectNode stats(Stats stats) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("p50_ms", stats.p50());
    node.put("p90_ms", stats.p90());
    node.put("p99_ms", stats.p99());
    node.put("mean_ms", round(stats.mean()));
    node.put("min_ms", stats.min());
    node.put("max_ms", stats.max());
    return node;
  }

  private static <T> List<Double> millis(List<T> samples, ToLongFunction<T> nanos) {
    return samples.stream().map(s -> Stats.millis(nanos.applyAsLong(s))).toList();
  }

  private static <T> List<Double> longs(List<T> samples, ToLongFunction<T> value) {
    List<Double> values = new ArrayList<>();
    samples.forEach(s -> {
      long v = value.applyAsLong(s);
      if (v >= 0) {
        values.add((double) v);
      }
    });
    return values;
  }

  private static double round(double value) {
    return Double.isFinite(value) ? Math.round(value * 1000) / 1000.0 : value;
  }
}

package io.berth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench/launch}: launch latency of Berth against raw runc, side by side in the same run. N short tasks
 * through Berth's scheduler API (ACCEPT to TASK_RUNNING, one at a time) and N {@code runc run --detach} of an
 * equivalent bundle, in alternating blocks after an untimed warm-up of each; the result goes to
 * {@code bench/results/launch.json} with p50/p99 of both and their ratio. A third series, the agent's runtime
 * ({@code RuncRuntime.start}) called in-process, runs in the same blocks to split Berth's time.
 */
public final class LaunchBenchmark {
  private static final int MAX_DROPPED = 10;

  private final LaunchOptions options;
  private final List<BerthLauncher.Sample> berthSamples = new ArrayList<>();
  private final List<Long> runtimeSamples = new ArrayList<>();
  private final List<RuncLauncher.Sample> runcSamples = new ArrayList<>();
  private final List<Long> fsyncSamples = new ArrayList<>();
  private FsyncProbe fsync;
  private int dropped;

  private LaunchBenchmark(LaunchOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    LaunchOptions options;
    try {
      options = LaunchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    new LaunchBenchmark(options).run();
  }

  private void run() throws Exception {
    Files.createDirectories(options.workDir());
    fsync = new FsyncProbe(options.workDir().resolve("fsync-probe"));
    Instant started = Instant.now();
    String loadBefore = Machine.loadAverage();
    String reference;
    Machine machine;
    try (RuncLauncher runc = new RuncLauncher(options.workDir().resolve("runc-reference"), options.command(),
        options.timeout());
        RuntimeLauncher runtime = new RuntimeLauncher(options.workDir().resolve("runtime"), options.command());
        BerthLauncher berth = new BerthLauncher(options.masterUrl(), options.credentials(), options.command(), options.timeout())) {
      reference = runc.describe();
      machine = Machine.detect(runc.runcBinary());
      log("warm-up: %d untimed launches of each kind; then %d of each in blocks of %d", options.warmup(),
          options.tasks(), options.block());
      for (int i = 1; i <= options.warmup(); i++) {
        launchBerth(berth, "warmup-" + i);
        launchRuntime(runtime, "warmup-" + i);
        launchRunc(runc, "warmup-" + i);
      }
      for (int block = 1; runcSamples.size() < options.tasks(); block++) {
        int end = Math.min(options.tasks(), runcSamples.size() + options.block());
        while (berthSamples.size() < end) {
          berthSamples.add(launchBerth(berth, "launch-" + (berthSamples.size() + 1)));
        }
        while (runtimeSamples.size() < end) {
          runtimeSamples.add(launchRuntime(runtime, "launch-" + (runtimeSamples.size() + 1)));
        }
        while (runcSamples.size() < end) {
          runcSamples.add(launchRunc(runc, "launch-" + (runcSamples.size() + 1)));
        }
        log("block %d: %d of each measured", block, end);
      }
    }
    LaunchReport report = new LaunchReport(options, started, machine, loadBefore + " -> " + Machine.loadAverage(),
        reference, berthSamples, runtimeSamples, runcSamples, fsyncSamples, dropped,
        AgentLog.containerStarts(options.agentLog()));
    report.write(options.out());
    System.out.println(report.summary());
  }

  private BerthLauncher.Sample launchBerth(BerthLauncher berth, String taskId) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        BerthLauncher.Sample sample = berth.launch(attempt == 1 ? taskId : taskId + "-retry-" + attempt);
        fsyncSamples.add(fsync.once());
        pace();
        return sample;
      } catch (BerthLauncher.Dropped e) {
        dropped++;
        log("task %s was dropped (%s); launching it again", taskId, e.getMessage());
        if (dropped > MAX_DROPPED) {
          throw new IllegalStateException("more than " + MAX_DROPPED + " launches were dropped; last: " + e.getMessage());
        }
      }
    }
  }

  private long launchRuntime(RuntimeLauncher runtime, String id) throws IOException, InterruptedException {
    RuntimeLauncher.Launch launch = runtime.launch(id);
    runtime.remove(id, launch);
    pace();
    return launch.nanos();
  }

  private RuncLauncher.Sample launchRunc(RuncLauncher runc, String id) throws IOException, InterruptedException {
    RuncLauncher.Sample sample = runc.launch(id);
    runc.remove(id);
    pace();
    return sample;
  }

  private void pace() throws InterruptedException {
    if (!options.pause().isZero()) {
      Thread.sleep(options.pause()); // pacing between launches, not a wait for an event
    }
  }

  private static void log(String format, Object... args) {
    System.err.println("launch: " + String.format(format, args));
  }
}

package io.berth.node.up;

import io.berth.common.time.SystemTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One role of a {@code berth up} cluster running as its own process, restarted with backoff when it dies (as
 * systemd's {@code Restart=always} does for DC/OS components). It runs in its own session ({@code setsid}), so a
 * Ctrl-C in the terminal reaches only {@code berth up}, which then stops the children in order.
 */
final class ChildProcess {
  private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration STABLE = Duration.ofSeconds(60);

  private final String name;
  private final List<String> command;
  private final Path logFile;
  private volatile Process process;
  private volatile boolean stopping;
  private Thread supervisor;

  ChildProcess(String name, List<String> command, Path logFile) {
    this.name = name;
    this.command = List.copyOf(command);
    this.logFile = logFile;
  }

  String name() {
    return name;
  }

  Optional<Long> pid() {
    Process p = process;
    return p == null || !p.isAlive() ? Optional.empty() : Optional.of(p.pid());
  }

  void start() throws IOException {
    Files.createDirectories(logFile.getParent());
    process = launch();
    supervisor = Thread.ofPlatform().name("supervise-" + name).daemon().start(this::supervise);
  }

  private Process launch() throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add("setsid");
    argv.addAll(command);
    return new ProcessBuilder(argv)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .start();
  }

  private void supervise() {
    Duration backoff = Duration.ofSeconds(1);
    while (!stopping) {
      long started = SystemTime.ticker().nanos();
      int code;
      try {
        code = process.waitFor();
      } catch (InterruptedException e) {
        return;
      }
      if (stopping) {
        return;
      }
      if (SystemTime.ticker().nanos() - started > STABLE.toNanos()) {
        backoff = Duration.ofSeconds(1);
      }
      log.warn("{} exited with code {}; restarting in {} s (log: {})", name, code, backoff.toSeconds(), logFile);
      try {
        Thread.sleep(backoff);
        synchronized (this) {
          if (stopping) {
            return;
          }
          process = launch();
        }
      } catch (InterruptedException e) {
        return;
      } catch (IOException e) {
        log.error("cannot restart {}", name, e);
      }
      backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }
  }

  /** Sends SIGTERM and waits up to {@code grace}; then SIGKILL. */
  void stop(Duration grace) {
    Process p;
    synchronized (this) {
      stopping = true;
      p = process;
    }
    if (supervisor != null) {
      supervisor.interrupt();
    }
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{} did not stop within {} s; killing it", name, grace.toSeconds());
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

package io.berth.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's own account of each container start, read from its log line {@code container <id> started (pid
 * <n>) in <t> ms (bundle <b> ms, create <c> ms[ (spare monitor)], start <s> ms)} (written by the runc runtime): the split of the
 * agent-side start into writing the bundle, conmon with {@code runc create}, and {@code runc start}.
 */
final class AgentLog {
  /** One container start as the agent logged it, in milliseconds. */
  record ContainerStart(long total, long bundle, long create, long start) {}

  private static final Pattern STARTED = Pattern.compile(
      "container (\\S+) started \\(pid \\d+\\) in (\\d+) ms \\(bundle (\\d+) ms, create (\\d+) ms"
          + "(?: \\(spare monitor\\))?, start (\\d+) ms\\)");

  private AgentLog() {}

  /** Container starts by container id; empty when the log is missing or says nothing of the kind. */
  static Map<String, ContainerStart> containerStarts(Path log) {
    Map<String, ContainerStart> starts = new HashMap<>();
    if (log == null || !Files.isRegularFile(log)) {
      return starts;
    }
    try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
      lines.forEach(line -> {
        Matcher m = STARTED.matcher(line);
        if (m.find()) {
          starts.put(m.group(1), new ContainerStart(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
              Long.parseLong(m.group(4)), Long.parseLong(m.group(5))));
        }
      });
    } catch (IOException | java.io.UncheckedIOException e) {
      System.err.println("launch: cannot read the agent log " + log + ": " + e);
    }
    return starts;
  }
}

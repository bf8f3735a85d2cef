package io.berth.logs.journal;

import java.util.List;
import java.util.Map;

/**
 * Which component of a Berth process wrote a log line, from its logger's name (pure). DC/OS ran each component as
 * its own systemd unit ({@code dcos-marathon.service}, ...); Berth runs several in one process, so an entry carries
 * the process's unit in {@code _SYSTEMD_UNIT} and the component's in {@code UNIT}, and the v2 component route
 * matches either.
 */
public final class LogUnits {
  private static final List<Map.Entry<String, String>> COMPONENTS = List.of(
      Map.entry("io.berth.marathon.", "berth-marathon"),
      Map.entry("io.berth.metronome.", "berth-metronome"),
      Map.entry("io.berth.dns.", "berth-dns"),
      Map.entry("io.berth.gateway.", "berth-gateway"),
      Map.entry("io.berth.iam.", "berth-gateway"),
      Map.entry("io.berth.secrets.", "berth-gateway"),
      Map.entry("io.berth.http.ReverseProxy", "berth-gateway"),
      Map.entry("io.berth.http.AccessLog", "berth-gateway"),
      Map.entry("berth.gateway.", "berth-gateway"),
      Map.entry("io.berth.logs.", "berth-logs"));

  private LogUnits() {}

  /** The component's name for a logger, e.g. {@code berth-marathon}; the process's own name for everything else. */
  public static String component(String loggerName, String processName) {
    for (Map.Entry<String, String> c : COMPONENTS) {
      if (loggerName != null && loggerName.startsWith(c.getKey())) {
        return c.getValue();
      }
    }
    return processName;
  }

  /** A component's unit name, e.g. {@code berth-master.service}. */
  public static String unit(String name) {
    return name + ".service";
  }
}

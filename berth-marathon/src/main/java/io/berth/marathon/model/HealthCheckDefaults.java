package io.berth.marathon.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;

/** Defaults of a health check (spec §4.9). */
final class HealthCheckDefaults {
  static final Set<String> PROTOCOLS = Set.of("HTTP", "HTTPS", "TCP", "COMMAND", "MESOS_HTTP", "MESOS_HTTPS", "MESOS_TCP");

  private HealthCheckDefaults() {}

  static void fill(ObjectNode h) {
    String protocol = h.path("protocol").asText("HTTP").toUpperCase(Locale.ROOT);
    h.put("protocol", protocol);
    if (protocol.contains("HTTP")) {
      AppNormalizer.defaultText(h, "path", "/");
    }
    if (!protocol.equals("COMMAND") && !h.has("port") && !h.has("portIndex")) {
      h.put("portIndex", 0);
    }
    AppNormalizer.defaultNumber(h, "gracePeriodSeconds", 300);
    AppNormalizer.defaultNumber(h, "intervalSeconds", 60);
    AppNormalizer.defaultNumber(h, "timeoutSeconds", 20);
    AppNormalizer.defaultNumber(h, "maxConsecutiveFailures", 3);
    if (protocol.startsWith("MESOS_") || protocol.equals("COMMAND")) {
      AppNormalizer.defaultNumber(h, "delaySeconds", 15);
    }
    if (protocol.equals("HTTP") || protocol.equals("HTTPS")) {
      if (!h.has("ignoreHttp1xx")) {
        h.put("ignoreHttp1xx", false);
      }
    }
    if (protocol.startsWith("MESOS_")) {
      AppNormalizer.defaultText(h, "ipProtocol", "IPv4");
    }
  }
}

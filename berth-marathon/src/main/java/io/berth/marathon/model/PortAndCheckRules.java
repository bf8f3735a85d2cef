package io.berth.marathon.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The networking, port, health check and readiness check rules of an app definition (spec §4.6, §4.9, §4.10),
 * reporting into {@link AppValidator}'s collected errors.
 */
final class PortAndCheckRules {
  private final BiConsumer<String, String> errors;

  PortAndCheckRules(BiConsumer<String, String> errors) {
    this.errors = errors;
  }

  private void error(String path, String message) {
    errors.accept(path, message);
  }

  void checkNetworksAndPorts(JsonNode app) {
    JsonNode networks = app.path("networks");
    long host = 0;
    long bridge = 0;
    long container = 0;
    for (JsonNode n : networks) {
      switch (n.path("mode").asText("container")) {
        case "host" -> {
          host++;
          if (n.has("name") || (n.has("labels") && !n.get("labels").isEmpty())) {
            error("/networks", "host networks may not have names or labels");
          }
        }
        case "container/bridge" -> bridge++;
        case "container" -> container++;
        default -> error("/networks", "unknown network mode " + n.path("mode").asText());
      }
    }
    if (!((host == 1 && bridge == 0 && container == 0) || (bridge == 1 && host == 0 && container == 0)
        || (container >= 1 && host == 0 && bridge == 0))) {
      error("/networks", "must be exactly one host network, exactly one bridge network, or one or more container networks");
    }
    if ("DOCKER".equals(app.path("container").path("type").asText()) && container > 1) {
      error("/networks", "DOCKER containers support only one container network");
    }
    JsonNode defs = app.path("portDefinitions");
    if (host == 0 && defs.size() > 0) {
      error("/portDefinitions", "portDefinitions are only allowed with host-networking");
    }
    if (host == 1 && app.path("container").path("portMappings").size() > 0) {
      error("/container/portMappings", "portMappings are not allowed with host-networking");
    }
    Set<String> names = new HashSet<>();
    Set<Integer> ports = new HashSet<>();
    int i = 0;
    for (JsonNode p : defs) {
      int port = p.path("port").asInt(0);
      if (port < 0 || port > 65535) {
        error("/portDefinitions(" + i + ")/port", "must be between 0 and 65535");
      }
      if (port != 0 && !ports.add(port)) {
        error("/portDefinitions", "Ports must be unique.");
      }
      if (p.has("name") && !names.add(p.get("name").asText())) {
        error("/portDefinitions", "Port names must be unique.");
      }
      String proto = p.path("protocol").asText("tcp");
      if (!Set.of("tcp", "udp", "udp,tcp", "tcp,udp").contains(proto)) {
        error("/portDefinitions(" + i + ")/protocol", "must be one of tcp, udp, udp,tcp");
      }
      i++;
    }
    i = 0;
    for (JsonNode m : app.path("container").path("portMappings")) {
      int cp = m.path("containerPort").asInt(0);
      if (cp < 0 || cp > 65535) {
        error("/container/portMappings(" + i + ")/containerPort", "must be between 0 and 65535");
      }
      if (m.has("name") && !names.add(m.get("name").asText())) {
        error("/container/portMappings", "Port names must be unique.");
      }
      i++;
    }
  }

  private static int portCount(JsonNode app) {
    return "host".equals(AppNormalizer.networkMode(app)) ? app.path("portDefinitions").size()
        : app.path("container").path("portMappings").size();
  }

  void checkHealthChecks(JsonNode app) {
    int i = 0;
    int mesosChecks = 0;
    for (JsonNode h : app.path("healthChecks")) {
      String path = "/healthChecks(" + i++ + ")";
      String protocol = h.path("protocol").asText();
      if (!HealthCheckDefaults.PROTOCOLS.contains(protocol)) {
        error(path + "/protocol", "must be one of " + String.join(", ", HealthCheckDefaults.PROTOCOLS.stream().sorted().toList()));
        continue;
      }
      if (protocol.startsWith("MESOS_")) {
        mesosChecks++;
      }
      if (protocol.equals("COMMAND")) {
        if (h.path("command").path("value").asText("").isEmpty()) {
          error(path + "/command", "must not be empty");
        }
      } else if (!h.has("port")) {
        int index = h.path("portIndex").asInt(0);
        if (index < 0 || index >= portCount(app)) {
          error(path, "Health check port indices must address an element of the ports array or container port mappings.");
        }
      }
      if ("IPv6".equals(h.path("ipProtocol").asText()) && !"DOCKER".equals(app.path("container").path("type").asText())) {
        error(path + "/ipProtocol", "IPv6 can only be used with DOCKER containers");
      }
      for (String f : List.of("gracePeriodSeconds", "intervalSeconds", "timeoutSeconds", "maxConsecutiveFailures")) {
        if (h.path(f).asLong(0) < 0) {
          error(path + "/" + f, "got " + h.path(f).asText() + ", expected 0 or more");
        }
      }
    }
    if (mesosChecks > 1) {
      error("/healthChecks", "AppDefinition can contain at most one Mesos health check.");
    }
  }

  void checkReadiness(JsonNode app) {
    JsonNode checks = app.path("readinessChecks");
    if (checks.size() > 1) {
      error("/readinessChecks", "must have at most 1 element");
    }
    Set<String> portNames = new HashSet<>();
    app.path("portDefinitions").forEach(p -> portNames.add(p.path("name").asText()));
    app.path("container").path("portMappings").forEach(p -> portNames.add(p.path("name").asText()));
    int i = 0;
    for (JsonNode r : checks) {
      String path = "/readinessChecks(" + i++ + ")";
      if (!portNames.contains(r.path("portName").asText())) {
        error(path, "No port definition reference for portName " + r.path("portName").asText());
      }
      if (r.path("timeoutSeconds").asInt() >= r.path("intervalSeconds").asInt()) {
        error(path + "/timeoutSeconds", "must be less than intervalSeconds");
      }
      String protocol = r.path("protocol").asText();
      if (!protocol.equals("HTTP") && !protocol.equals("HTTPS")) {
        error(path + "/protocol", "must be HTTP or HTTPS");
      }
    }
  }
}

package io.berth.marathon.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.placement.Constraint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a canonical app definition that the scheduler acts on, read once from the stored JSON.
 * {@code configVersion} ({@code versionInfo.lastConfigChangeAt}) tells old tasks from new ones in a restart.
 */
public record AppSpec(
    String id,
    String version,
    String configVersion,
    int instances,
    double cpus,
    double mem,
    double disk,
    double gpus,
    String cmd,
    List<String> args,
    String user,
    Map<String, String> env,
    Map<String, String> labels,
    List<Constraint> constraints,
    List<PortSpec> ports,
    boolean requirePorts,
    List<HealthCheckSpec> healthChecks,
    ReadinessSpec readiness,
    double minimumHealthCapacity,
    double maximumOverCapacity,
    double backoffSeconds,
    double backoffFactor,
    double maxLaunchDelaySeconds,
    Double killGracePeriodSeconds,
    boolean oldestFirst,
    List<String> dependencies,
    List<FetchSpec> fetch,
    JsonNode definition) {

  /** A port of the app: its name (may be null), the declared port (service port, or host port with requirePorts). */
  /** A host port the app asks for: its name, requested number (0: any) and labels ({@code VIP_0}, ...). */
  public record PortSpec(String name, int port, Map<String, String> labels) {
    public PortSpec {
      labels = Map.copyOf(labels);
    }

    static PortSpec of(JsonNode definition, String portField) {
      Map<String, String> labels = new LinkedHashMap<>();
      definition.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      return new PortSpec(definition.path("name").asText(null), definition.path(portField).asInt(), labels);
    }
  }

  public record FetchSpec(String uri, boolean extract, boolean executable, boolean cache, String destPath) {}

  /** A health check; {@code portIndex} or {@code port} locate the port for HTTP/TCP checks. */
  public record HealthCheckSpec(String protocol, String path, Integer portIndex, Integer port, String command,
      int gracePeriodSeconds, int intervalSeconds, int timeoutSeconds, int maxConsecutiveFailures, boolean ignoreHttp1xx,
      JsonNode definition) {}

  public record ReadinessSpec(String name, String protocol, String path, String portName, int intervalSeconds,
      int timeoutSeconds, List<Integer> statusCodes, boolean preserveLastResponse) {}

  public static AppSpec of(JsonNode app) {
    List<PortSpec> ports = new ArrayList<>();
    boolean host = "host".equals(AppNormalizer.networkMode(app));
    if (host) {
      app.path("portDefinitions").forEach(p -> ports.add(PortSpec.of(p, "port")));
    } else {
      app.path("container").path("portMappings").forEach(m -> {
        if (m.has("hostPort")) {
          ports.add(PortSpec.of(m, "hostPort"));
        }
      });
    }
    List<HealthCheckSpec> checks = new ArrayList<>();
    app.path("healthChecks").forEach(h -> checks.add(new HealthCheckSpec(h.path("protocol").asText("HTTP"),
        h.path("path").asText("/"), h.has("portIndex") ? h.get("portIndex").asInt() : null,
        h.has("port") ? h.get("port").asInt() : null, h.path("command").path("value").asText(null),
        h.path("gracePeriodSeconds").asInt(300), h.path("intervalSeconds").asInt(60), h.path("timeoutSeconds").asInt(20),
        h.path("maxConsecutiveFailures").asInt(3), h.path("ignoreHttp1xx").asBoolean(false), h)));
    ReadinessSpec readiness = null;
    JsonNode r = app.path("readinessChecks").path(0);
    if (!r.isMissingNode()) {
      List<Integer> codes = new ArrayList<>();
      r.path("httpStatusCodesForReady").forEach(c -> codes.add(c.asInt()));
      readiness = new ReadinessSpec(r.path("name").asText(), r.path("protocol").asText("HTTP"), r.path("path").asText("/"),
          r.path("portName").asText(), r.path("intervalSeconds").asInt(30), r.path("timeoutSeconds").asInt(10), codes,
          r.path("preserveLastResponse").asBoolean());
    }
    List<Constraint> constraints = new ArrayList<>();
    app.path("constraints").forEach(c -> {
      List<String> raw = new ArrayList<>();
      c.forEach(e -> raw.add(e.asText()));
      constraints.add(Constraint.parse(raw));
    });
    Map<String, String> env = new LinkedHashMap<>();
    app.path("env").fields().forEachRemaining(e -> {
      if (!e.getValue().isObject()) {
        env.put(e.getKey(), e.getValue().asText());
      }
    });
    Map<String, String> labels = new LinkedHashMap<>();
    app.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    List<String> args = new ArrayList<>();
    app.path("args").forEach(a -> args.add(a.asText()));
    List<String> deps = new ArrayList<>();
    app.path("dependencies").forEach(d -> deps.add(d.asText()));
    List<FetchSpec> fetch = new ArrayList<>();
    app.path("fetch").forEach(f -> fetch.add(new FetchSpec(f.path("uri").asText(), f.path("extract").asBoolean(true),
        f.path("executable").asBoolean(false), f.path("cache").asBoolean(false), f.path("destPath").asText(null))));
    String version = app.path("version").asText("");
    return new AppSpec(app.path("id").asText(), version,
        app.path("versionInfo").path("lastConfigChangeAt").asText(version), app.path("instances").asInt(1),
        app.path("cpus").asDouble(1), app.path("mem").asDouble(128), app.path("disk").asDouble(0),
        app.path("gpus").asDouble(0), app.path("cmd").asText(null), args, app.path("user").asText(null), env, labels,
        constraints, ports, host && app.path("requirePorts").asBoolean(false), checks, readiness,
        app.path("upgradeStrategy").path("minimumHealthCapacity").asDouble(1),
        app.path("upgradeStrategy").path("maximumOverCapacity").asDouble(1), app.path("backoffSeconds").asDouble(1),
        app.path("backoffFactor").asDouble(1.15), app.path("maxLaunchDelaySeconds").asDouble(300),
        app.has("taskKillGracePeriodSeconds") ? app.get("taskKillGracePeriodSeconds").asDouble() : null,
        "OLDEST_FIRST".equals(app.path("killSelection").asText()), deps, fetch, app);
  }

  /** True when the tasks must be restarted to go from {@code this} to {@code next} (anything but instances changed). */
  public static boolean needsRestart(JsonNode current, JsonNode next) {
    return !withoutScale(current).equals(withoutScale(next));
  }

  private static JsonNode withoutScale(JsonNode app) {
    com.fasterxml.jackson.databind.node.ObjectNode copy = (com.fasterxml.jackson.databind.node.ObjectNode) app.deepCopy();
    copy.remove(List.of("instances", "version", "versionInfo"));
    return copy;
  }
}

package io.berth.marathon.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a stored pod definition that the scheduler acts on. {@link #app()} is the same pod seen as one
 * run spec for the shared scheduling machinery (placement, offer matching, backoff, upgrade arithmetic): its
 * resources are the containers' sums plus the executor's, its ports the endpoints that ask for a host port.
 * {@code configVersion} changes with anything but the instance count (a hash of the rest), so instances of an
 * older configuration are replaced in a rolling upgrade.
 */
public record PodSpec(String id, String version, String configVersion, int instances, List<Container> containers,
    Resource executor, Map<String, String> env, Map<String, String> labels, Map<String, String> hostVolumes,
    AppSpec app, JsonNode definition) {

  /** Marathon's default executor resources for pods. */
  public static final Resource DEFAULT_EXECUTOR = new Resource(0.1, 32, 10, 0);

  public record Resource(double cpus, double mem, double disk, double gpus) {
    static Resource of(JsonNode r, Resource defaults) {
      return new Resource(r.path("cpus").asDouble(defaults.cpus()), r.path("mem").asDouble(defaults.mem()),
          r.path("disk").asDouble(defaults.disk()), r.path("gpus").asDouble(defaults.gpus()));
    }
  }

  /** An endpoint; {@code hostPort} null when it asks for none (0: any free port). */
  public record Endpoint(String name, Integer hostPort, Integer containerPort) {}

  public record Mount(String name, String mountPath, boolean readOnly) {}

  /** A container: {@code shell} its command (null: the image's entrypoint, which Berth cannot run yet). */
  public record Container(String name, String shell, List<String> argv, Resource resources, List<Endpoint> endpoints,
      Map<String, String> env, Map<String, String> labels, List<Mount> mounts, List<AppSpec.FetchSpec> artifacts,
      Double killGraceSeconds, JsonNode healthCheck, String user) {}

  public static PodSpec of(JsonNode pod) {
    List<Container> containers = new ArrayList<>();
    for (JsonNode c : pod.path("containers")) {
      List<Endpoint> endpoints = new ArrayList<>();
      c.path("endpoints").forEach(e -> endpoints.add(new Endpoint(e.path("name").asText(),
          e.has("hostPort") ? e.get("hostPort").asInt() : null,
          e.has("containerPort") ? e.get("containerPort").asInt() : null)));
      List<Mount> mounts = new ArrayList<>();
      c.path("volumeMounts").forEach(m -> mounts.add(new Mount(m.path("name").asText(), m.path("mountPath").asText(),
          m.path("readOnly").asBoolean(false))));
      List<AppSpec.FetchSpec> artifacts = new ArrayList<>();
      c.path("artifacts").forEach(f -> artifacts.add(new AppSpec.FetchSpec(f.path("uri").asText(),
          f.path("extract").asBoolean(true), f.path("executable").asBoolean(false), f.path("cache").asBoolean(false),
          f.path("destPath").asText(null))));
      JsonNode command = c.path("exec").path("command");
      List<String> argv = new ArrayList<>();
      command.path("argv").forEach(a -> argv.add(a.asText()));
      containers.add(new Container(c.path("name").asText(), command.path("shell").asText(null), argv,
          Resource.of(c.path("resources"), new Resource(0, 0, 0, 0)), endpoints, strings(c.path("environment")),
          strings(c.path("labels")), mounts, artifacts,
          c.path("lifecycle").has("killGracePeriodSeconds") ? c.path("lifecycle").get("killGracePeriodSeconds").asDouble()
              : null, c.get("healthCheck"), c.path("user").asText(pod.path("user").asText(null))));
    }
    Map<String, String> hostVolumes = new LinkedHashMap<>();
    pod.path("volumes").forEach(v -> {
      if (v.hasNonNull("host")) {
        hostVolumes.put(v.path("name").asText(), v.path("host").asText());
      }
    });
    Resource executor = Resource.of(pod.path("executorResources"), DEFAULT_EXECUTOR);
    String version = pod.path("version").asText("");
    String configVersion = configVersion(pod);
    int instances = pod.path("scaling").path("instances").asInt(1);
    PodSpec partial = new PodSpec(pod.path("id").asText(), version, configVersion, instances, containers, executor,
        strings(pod.path("environment")), strings(pod.path("labels")), hostVolumes, null, pod);
    return new PodSpec(partial.id(), version, configVersion, instances, containers, executor, partial.env(),
        partial.labels(), hostVolumes, AppSpec.of(asApp(partial)), pod);
  }

  /** The endpoints that get a host port, in container and declaration order (the instance's port order). */
  public List<Endpoint> hostEndpoints() {
    List<Endpoint> out = new ArrayList<>();
    containers.forEach(c -> c.endpoints().stream().filter(e -> e.hostPort() != null).forEach(out::add));
    return out;
  }

  /** The pod as a run spec JSON that {@link AppSpec#of} reads. */
  static ObjectNode asApp(PodSpec pod) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    JsonNode def = pod.definition();
    ObjectNode app = f.objectNode().put("id", pod.id()).put("version", pod.version())
        .put("instances", pod.instances());
    app.putObject("versionInfo").put("lastConfigChangeAt", pod.configVersion()).put("lastScalingAt", pod.version());
    double cpus = pod.executor().cpus();
    double mem = pod.executor().mem();
    double disk = pod.executor().disk();
    double gpus = pod.executor().gpus();
    for (Container c : pod.containers()) {
      cpus += c.resources().cpus();
      mem += c.resources().mem();
      disk += c.resources().disk();
      gpus += c.resources().gpus();
    }
    app.put("cpus", cpus).put("mem", mem).put("disk", disk).put("gpus", gpus);
    app.putArray("networks").addObject().put("mode", "host");
    ArrayNode ports = app.putArray("portDefinitions");
    boolean fixed = false;
    for (Endpoint e : pod.hostEndpoints()) {
      ports.addObject().put("name", e.name()).put("port", e.hostPort());
      fixed |= e.hostPort() != 0;
    }
    app.put("requirePorts", fixed);
    ArrayNode constraints = app.putArray("constraints");
    for (JsonNode c : def.path("scheduling").path("placement").path("constraints")) {
      if (c.isArray()) {
        constraints.add(c);
      } else {
        ArrayNode triple = constraints.addArray().add(c.path("fieldName").asText()).add(c.path("operator").asText());
        if (c.hasNonNull("value")) {
          triple.add(c.get("value").asText());
        }
      }
    }
    JsonNode upgrade = def.path("scheduling").path("upgrade");
    app.putObject("upgradeStrategy")
        .put("minimumHealthCapacity", upgrade.path("minimumHealthCapacity").asDouble(1))
        .put("maximumOverCapacity", upgrade.path("maximumOverCapacity").asDouble(1));
    JsonNode backoff = def.path("scheduling").path("backoff");
    app.put("backoffSeconds", backoff.path("backoff").asDouble(1))
        .put("backoffFactor", backoff.path("backoffFactor").asDouble(1.15))
        .put("maxLaunchDelaySeconds", backoff.path("maxLaunchDelay").asDouble(300));
    app.put("killSelection", def.path("scheduling").path("killSelection").asText("YOUNGEST_FIRST"));
    if (def.has("labels")) {
      app.set("labels", def.get("labels"));
    }
    return app;
  }

  /** A hash of everything but the version and the instance count. */
  static String configVersion(JsonNode pod) {
    ObjectNode copy = pod.deepCopy();
    copy.remove("version");
    if (copy.path("scaling") instanceof ObjectNode s) {
      s.remove("instances");
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.writeString(copy).getBytes(StandardCharsets.UTF_8));
      return "config-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True when going from {@code current} to {@code next} replaces the instances (anything but the count changed). */
  public static boolean needsRestart(JsonNode current, JsonNode next) {
    return !configVersion(current).equals(configVersion(next));
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> {
      if (!e.getValue().isObject()) {
        out.put(e.getKey(), e.getValue().asText());
      }
    });
    return out;
  }
}

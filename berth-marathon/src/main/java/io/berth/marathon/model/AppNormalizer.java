package io.berth.marathon.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.BerthException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns an app body (type-checked) into Marathon's canonical form (spec §4.21): absolute ids, the deprecated
 * network and port fields ({@code ports}, {@code uris}, {@code docker.network}, {@code docker.portMappings},
 * {@code ipAddress}) translated, and every default filled in. Combinations that cannot be translated are 422s.
 */
public final class AppNormalizer {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private AppNormalizer() {}

  public static ObjectNode normalize(ObjectNode input, String base) {
    List<BerthException.Detail> errors = new ArrayList<>();
    ObjectNode app = normalize(input, base, errors);
    if (!errors.isEmpty()) {
      throw BerthException.invalid("Object is not valid", errors);
    }
    return app;
  }

  /** Normalises; deprecated fields that cannot be translated are reported into {@code errors} and dropped. */
  public static ObjectNode normalize(ObjectNode input, String base, List<BerthException.Detail> errors) {
    ObjectNode app = JsonTypes.withoutNulls(input);
    if (app.has("id")) {
      app.put("id", PathId.resolve(base, app.get("id").asText()));
    }
    translateLegacy(app, errors);
    fillDefaults(app, base);
    return app;
  }

  private static void translateLegacy(ObjectNode app, List<BerthException.Detail> errors) {
    JsonNode ports = app.remove("ports");
    String dockerNet = app.path("container").path("docker").path("network").asText("HOST").toUpperCase(Locale.ROOT);
    boolean nonHost = dockerNet.equals("BRIDGE") || dockerNet.equals("USER") || app.has("ipAddress")
        || !app.path("networks").path(0).path("mode").asText("host").equals("host");
    if (nonHost) {
      ports = null; // 1.4 echoed the service ports of port mappings here; the mappings carry them
    }
    if (ports != null && ports.isArray() && !ports.isEmpty()) {
      if (app.has("portDefinitions")) {
        errors.add(BerthException.Detail.of("/", "You cannot specify both ports and port definitions"));
      } else {
        ArrayNode defs = F.arrayNode();
        ports.forEach(p -> defs.add(F.objectNode().put("port", p.asInt()).put("protocol", "tcp")));
        app.set("portDefinitions", defs);
      }
    } else if (ports != null && ports.isArray() && !app.has("portDefinitions")) {
      app.set("portDefinitions", F.arrayNode());
    }
    JsonNode uris = app.remove("uris");
    if (uris != null && uris.isArray() && !uris.isEmpty()) {
      if (app.has("fetch") && !app.get("fetch").isEmpty()) {
        errors.add(BerthException.Detail.of("/fetch", "may not be set in conjunction with fetch"));
      } else {
        ArrayNode fetch = F.arrayNode();
        uris.forEach(u -> fetch.add(F.objectNode().put("uri", u.asText()).put("extract", isArchive(u.asText()))
            .put("executable", false).put("cache", false)));
        app.set("fetch", fetch);
      }
    }
    ObjectNode container = app.get("container") instanceof ObjectNode c ? c : null;
    ObjectNode docker = container != null && container.get("docker") instanceof ObjectNode d ? d : null;
    JsonNode ipAddress = app.remove("ipAddress");
    JsonNode legacyNetwork = docker == null ? null : docker.remove("network");
    if ((ipAddress != null || legacyNetwork != null) && app.has("networks")) {
      errors.add(BerthException.Detail.of("/networks", "cannot be combined with docker.network or ipAddress"));
      ipAddress = null;
      legacyNetwork = null;
    }
    if (ipAddress != null && app.has("portDefinitions") && !app.get("portDefinitions").isEmpty()) {
      errors.add(BerthException.Detail.of("/", "IP address (ipAddress) and ports (portDefinitions) are not allowed at the same time; cannot specify both an IP address and port"));
      ipAddress = null;
    }
    if (docker != null && docker.has("portMappings")) {
      if (container.has("portMappings")) {
        errors.add(BerthException.Detail.of("/container", "cannot specify both portMappings and docker.portMappings"));
        docker.remove("portMappings");
      } else {
        container.set("portMappings", docker.remove("portMappings"));
      }
    }
    String net = legacyNetwork == null ? null : legacyNetwork.asText().toUpperCase(Locale.ROOT);
    if (ipAddress != null || "USER".equals(net)) {
      ObjectNode n = F.objectNode().put("mode", "container");
      JsonNode name = ipAddress == null ? null : ipAddress.get("networkName");
      n.put("name", name != null && name.isTextual() ? name.asText() : "dcos");
      if (ipAddress != null && ipAddress.has("labels") && !ipAddress.get("labels").isEmpty()) {
        n.set("labels", ipAddress.get("labels"));
      }
      app.set("networks", F.arrayNode().add(n));
      JsonNode discovery = ipAddress == null ? null : ipAddress.path("discovery").get("ports");
      if (discovery != null && discovery.isArray() && container != null && !container.has("portMappings")) {
        ArrayNode mappings = F.arrayNode();
        discovery.forEach(p -> {
          ObjectNode m = F.objectNode().put("containerPort", p.path("number").asInt());
          copyIf(p, m, "name");
          m.put("protocol", p.path("protocol").asText("tcp"));
          copyIf(p, m, "labels");
          mappings.add(m);
        });
        container.set("portMappings", mappings);
      }
    } else if ("BRIDGE".equals(net)) {
      app.set("networks", F.arrayNode().add(F.objectNode().put("mode", "container/bridge")));
    } else if ("HOST".equals(net) || "NONE".equals(net)) {
      app.set("networks", F.arrayNode().add(F.objectNode().put("mode", "host")));
    }
  }

  private static void copyIf(JsonNode from, ObjectNode to, String field) {
    if (from.has(field)) {
      to.set(field, from.get(field));
    }
  }

  static boolean isArchive(String uri) {
    String u = uri.toLowerCase(Locale.ROOT);
    return u.endsWith(".tgz") || u.endsWith(".tar.gz") || u.endsWith(".tbz2") || u.endsWith(".tar.bz2")
        || u.endsWith(".txz") || u.endsWith(".tar.xz") || u.endsWith(".zip") || u.endsWith(".tar");
  }

  /** True when the app has a local persistent volume (a resident app). */
  public static boolean isResident(JsonNode app) {
    for (JsonNode v : app.path("container").path("volumes")) {
      if (v.has("persistent")) {
        return true;
      }
    }
    return false;
  }

  public static boolean isSingleInstance(JsonNode app) {
    return "true".equals(app.path("labels").path("MARATHON_SINGLE_INSTANCE_APP").asText());
  }

  public static String networkMode(JsonNode app) {
    return app.path("networks").path(0).path("mode").asText("host");
  }

  private static void fillDefaults(ObjectNode app, String base) {
    boolean resident = isResident(app);
    defaultNumber(app, "instances", 1);
    defaultDouble(app, "cpus", 1.0);
    defaultDouble(app, "mem", 128.0);
    defaultDouble(app, "disk", 0.0);
    defaultNumber(app, "gpus", 0);
    if (!app.has("executor")) {
      app.put("executor", "");
    }
    defaultArray(app, "constraints");
    if (!app.has("networks") || app.get("networks").isEmpty()) {
      app.set("networks", F.arrayNode().add(F.objectNode().put("mode", "host")));
    }
    String mode = networkMode(app);
    if (mode.equals("host")) {
      if (!app.has("portDefinitions")) {
        app.set("portDefinitions", F.arrayNode().add(F.objectNode().put("port", 0).put("protocol", "tcp").put("name", "default")));
      }
      for (JsonNode p : app.get("portDefinitions")) {
        if (p instanceof ObjectNode o) {
          if (!o.has("port")) {
            o.put("port", 0);
          }
          if (!o.has("protocol")) {
            o.put("protocol", "tcp");
          }
        }
      }
      if (!app.has("requirePorts")) {
        app.put("requirePorts", false);
      }
    } else {
      app.put("requirePorts", false);
      if (app.get("container") instanceof ObjectNode c) {
        if (!c.has("portMappings")) {
          c.set("portMappings", F.arrayNode().add(F.objectNode().put("containerPort", 0).put("name", "default")));
        }
        for (JsonNode m : c.get("portMappings")) {
          if (m instanceof ObjectNode o) {
            if (!o.has("containerPort")) {
              o.put("containerPort", 0);
            }
            if (!o.has("hostPort") && mode.equals("container/bridge")) {
              o.put("hostPort", 0);
            }
            if (!o.has("servicePort")) {
              o.put("servicePort", 0);
            }
            if (!o.has("protocol")) {
              o.put("protocol", "tcp");
            }
          }
        }
      }
    }
    if (app.get("container") instanceof ObjectNode c) {
      if (!c.has("type")) {
        c.put("type", "DOCKER");
      }
      defaultArray(c, "volumes");
      if (c.get("docker") instanceof ObjectNode d) {
        if (!d.has("forcePullImage")) {
          d.put("forcePullImage", false);
        }
        if ("DOCKER".equals(c.path("type").asText()) && !d.has("privileged")) {
          d.put("privileged", false);
        }
        if ("DOCKER".equals(c.path("type").asText()) && !d.has("parameters")) {
          d.set("parameters", F.arrayNode());
        }
      }
    }
    defaultObject(app, "env");
    defaultObject(app, "secrets");
    defaultObject(app, "labels");
    defaultArray(app, "fetch");
    for (JsonNode f : app.get("fetch")) {
      if (f instanceof ObjectNode o) {
        if (!o.has("extract")) {
          o.put("extract", true);
        }
        if (!o.has("executable")) {
          o.put("executable", false);
        }
        if (!o.has("cache")) {
          o.put("cache", false);
        }
      }
    }
    defaultArray(app, "healthChecks");
    for (JsonNode h : app.get("healthChecks")) {
      if (h instanceof ObjectNode o) {
        HealthCheckDefaults.fill(o);
      }
    }
    defaultArray(app, "readinessChecks");
    for (JsonNode r : app.get("readinessChecks")) {
      if (r instanceof ObjectNode o) {
        defaultText(o, "name", "readinessCheck");
        defaultText(o, "protocol", "HTTP");
        defaultText(o, "path", "/");
        defaultText(o, "portName", "http-api");
        defaultNumber(o, "intervalSeconds", 30);
        defaultNumber(o, "timeoutSeconds", 10);
        if (!o.has("httpStatusCodesForReady")) {
          o.set("httpStatusCodesForReady", F.arrayNode().add(200));
        }
        if (!o.has("preserveLastResponse")) {
          o.put("preserveLastResponse", false);
        }
      }
    }
    defaultArray(app, "dependencies");
    ArrayNode deps = F.arrayNode();
    String parent = app.has("id") ? PathId.parent(app.get("id").asText()) : base;
    app.get("dependencies").forEach(d -> deps.add(PathId.resolve(parent, d.asText())));
    app.set("dependencies", deps);
    boolean single = isSingleInstance(app);
    if (!app.has("upgradeStrategy")) {
      double min = single ? 0 : resident ? 0.5 : 1.0;
      double max = single || resident ? 0 : 1.0;
      app.set("upgradeStrategy", F.objectNode().put("minimumHealthCapacity", min).put("maximumOverCapacity", max));
    } else if (app.get("upgradeStrategy") instanceof ObjectNode u) {
      if (!u.has("minimumHealthCapacity")) {
        u.put("minimumHealthCapacity", resident ? 0.5 : 1.0);
      }
      if (!u.has("maximumOverCapacity")) {
        u.put("maximumOverCapacity", resident ? 0.0 : 1.0);
      }
    }
    if (!app.has("unreachableStrategy")) {
      if (resident) {
        app.put("unreachableStrategy", "disabled");
      } else {
        app.set("unreachableStrategy", F.objectNode().put("inactiveAfterSeconds", 0).put("expungeAfterSeconds", 0));
      }
    }
    if (resident && !app.has("residency")) {
      app.set("residency", F.objectNode().put("relaunchEscalationTimeoutSeconds", 3600).put("taskLostBehavior", "WAIT_FOREVER"));
    }
    defaultNumber(app, "backoffSeconds", 1);
    defaultDouble(app, "backoffFactor", 1.15);
    defaultNumber(app, "maxLaunchDelaySeconds", 300);
    defaultText(app, "killSelection", "YOUNGEST_FIRST");
    defaultText(app, "role", "*");
  }

  static void defaultNumber(ObjectNode o, String f, int v) {
    if (!o.has(f)) {
      o.put(f, v);
    }
  }

  static void defaultDouble(ObjectNode o, String f, double v) {
    if (!o.has(f)) {
      o.put(f, v);
    }
  }

  static void defaultText(ObjectNode o, String f, String v) {
    if (!o.has(f)) {
      o.put(f, v);
    }
  }

  private static void defaultArray(ObjectNode o, String f) {
    if (!o.has(f)) {
      o.set(f, F.arrayNode());
    }
  }

  private static void defaultObject(ObjectNode o, String f) {
    if (!o.has(f)) {
      o.set(f, F.objectNode());
    }
  }
}

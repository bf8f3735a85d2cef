package io.berth.marathon.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.BerthException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Type checks of Marathon JSON bodies before validation: a wrong type is 422 {@code Invalid JSON} with Play's
 * error keys ({@code error.expected.jsstring}, ...), as Marathon answers. Unknown fields are not checked.
 */
public final class JsonTypes {
  enum Kind { STRING, NUMBER, INT, BOOL, ARRAY, OBJECT, STRINGS, STRING_MAP, OBJECTS }

  private static final Map<String, Kind> APP = Map.ofEntries(
      Map.entry("id", Kind.STRING), Map.entry("cmd", Kind.STRING), Map.entry("args", Kind.STRINGS),
      Map.entry("user", Kind.STRING), Map.entry("instances", Kind.INT), Map.entry("cpus", Kind.NUMBER),
      Map.entry("mem", Kind.NUMBER), Map.entry("disk", Kind.NUMBER), Map.entry("gpus", Kind.INT),
      Map.entry("executor", Kind.STRING), Map.entry("constraints", Kind.ARRAY),
      Map.entry("acceptedResourceRoles", Kind.STRINGS), Map.entry("role", Kind.STRING),
      Map.entry("container", Kind.OBJECT), Map.entry("networks", Kind.OBJECTS),
      Map.entry("portDefinitions", Kind.OBJECTS), Map.entry("ports", Kind.ARRAY), Map.entry("requirePorts", Kind.BOOL),
      Map.entry("env", Kind.OBJECT), Map.entry("secrets", Kind.OBJECT), Map.entry("labels", Kind.STRING_MAP),
      Map.entry("fetch", Kind.OBJECTS), Map.entry("uris", Kind.STRINGS), Map.entry("healthChecks", Kind.OBJECTS),
      Map.entry("readinessChecks", Kind.OBJECTS), Map.entry("dependencies", Kind.STRINGS),
      Map.entry("upgradeStrategy", Kind.OBJECT), Map.entry("backoffSeconds", Kind.INT),
      Map.entry("backoffFactor", Kind.NUMBER), Map.entry("maxLaunchDelaySeconds", Kind.INT),
      Map.entry("taskKillGracePeriodSeconds", Kind.INT), Map.entry("killSelection", Kind.STRING),
      Map.entry("ipAddress", Kind.OBJECT), Map.entry("tty", Kind.BOOL), Map.entry("version", Kind.STRING),
      Map.entry("check", Kind.OBJECT), Map.entry("residency", Kind.OBJECT));

  private static final Map<String, Kind> HEALTH = Map.of("protocol", Kind.STRING, "path", Kind.STRING,
      "portIndex", Kind.INT, "port", Kind.INT, "gracePeriodSeconds", Kind.INT, "intervalSeconds", Kind.INT,
      "timeoutSeconds", Kind.INT, "maxConsecutiveFailures", Kind.INT, "command", Kind.OBJECT, "ignoreHttp1xx", Kind.BOOL);

  private static final Map<String, Kind> PORT_DEF = Map.of("port", Kind.INT, "protocol", Kind.STRING,
      "name", Kind.STRING, "labels", Kind.STRING_MAP);

  private JsonTypes() {}

  /** Throws 422 {@code Invalid JSON} with details when a known field of an app body has a wrong type. */
  public static void checkApp(JsonNode app, String prefix) {
    List<BerthException.Detail> details = new ArrayList<>();
    if (!app.isObject()) {
      details.add(BerthException.Detail.of(prefix.isEmpty() ? "/" : prefix, "error.expected.jsobject"));
    } else {
      check(app, APP, prefix, details);
      arrayElements(app.get("healthChecks"), HEALTH, prefix + "/healthChecks", details);
      arrayElements(app.get("portDefinitions"), PORT_DEF, prefix + "/portDefinitions", details);
      JsonNode constraints = app.get("constraints");
      if (constraints != null && constraints.isArray()) {
        for (int i = 0; i < constraints.size(); i++) {
          JsonNode c = constraints.get(i);
          if (!c.isArray() || !allStrings(c)) {
            details.add(BerthException.Detail.of(prefix + "/constraints(" + i + ")", "error.expected.jsarray"));
          }
        }
      }
      JsonNode ports = app.get("ports");
      if (ports != null && ports.isArray()) {
        for (int i = 0; i < ports.size(); i++) {
          if (!ports.get(i).canConvertToInt() || !ports.get(i).isIntegralNumber()) {
            details.add(BerthException.Detail.of(prefix + "/ports(" + i + ")", "error.expected.jsnumber"));
          }
        }
      }
    }
    if (!details.isEmpty()) {
      throw BerthException.invalid("Invalid JSON", details);
    }
  }

  private static void arrayElements(JsonNode array, Map<String, Kind> kinds, String path,
      List<BerthException.Detail> details) {
    if (array != null && array.isArray()) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isObject()) {
          check(array.get(i), kinds, path + "(" + i + ")", details);
        }
      }
    }
  }

  private static void check(JsonNode obj, Map<String, Kind> kinds, String prefix, List<BerthException.Detail> details) {
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      Kind kind = kinds.get(f.getKey());
      JsonNode v = f.getValue();
      if (kind == null || v.isNull()) {
        continue;
      }
      String error = switch (kind) {
        case STRING -> v.isTextual() ? null : "error.expected.jsstring";
        case NUMBER -> v.isNumber() ? null : "error.expected.jsnumber";
        case INT -> v.isNumber() && (v.isIntegralNumber() || v.asDouble() == Math.rint(v.asDouble())) ? null : "error.expected.jsnumber";
        case BOOL -> v.isBoolean() ? null : "error.expected.jsboolean";
        case ARRAY -> v.isArray() ? null : "error.expected.jsarray";
        case OBJECT -> v.isObject() ? null : "error.expected.jsobject";
        case STRINGS -> v.isArray() ? (allStrings(v) ? null : "error.expected.jsstring") : "error.expected.jsarray";
        case OBJECTS -> v.isArray() ? (allObjects(v) ? null : "error.expected.jsobject") : "error.expected.jsarray";
        case STRING_MAP -> v.isObject() ? (allStrings(v) ? null : "error.expected.jsstring") : "error.expected.jsobject";
      };
      if (error != null) {
        details.add(BerthException.Detail.of(prefix + "/" + f.getKey(), error));
      }
    }
  }

  private static boolean allStrings(JsonNode container) {
    for (JsonNode e : container) {
      if (!e.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static boolean allObjects(JsonNode container) {
    for (JsonNode e : container) {
      if (!e.isObject()) {
        return false;
      }
    }
    return true;
  }

  /** Removes top-level {@code null} values, which Marathon reads as absent. */
  public static ObjectNode withoutNulls(ObjectNode node) {
    ObjectNode copy = node.deepCopy();
    List<String> nulls = new ArrayList<>();
    copy.fields().forEachRemaining(e -> {
      if (e.getValue().isNull()) {
        nulls.add(e.getKey());
      }
    });
    copy.remove(nulls);
    return copy;
  }
}

package io.berth.metronome.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.BerthException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Collects what is wrong with a request body, path by path, worded as JSON-schema validators word it (the texts
 * Metronome's users see), and checks the schema keywords Metronome's schemas use: type, required,
 * additionalProperties, minimum, minLength, enum and pattern. {@link #throwIfAny} ends in Metronome's 422.
 */
final class Problems {
  private final Map<String, List<String>> byPath = new LinkedHashMap<>();

  void add(String path, String error) {
    byPath.computeIfAbsent(path.isEmpty() ? "/" : path, p -> new ArrayList<>()).add(error);
  }

  boolean isEmpty() {
    return byPath.isEmpty();
  }

  void throwIfAny() {
    if (!byPath.isEmpty()) {
      List<BerthException.Detail> details = new ArrayList<>();
      byPath.forEach((path, errors) -> details.add(new BerthException.Detail(path, errors)));
      throw BerthException.invalid("Object is not valid", details);
    }
  }

  // ---- schema keywords; each returns true when the value passed ----

  /** {@code type: object} plus {@code required} and, with {@code allowed} non-null, {@code additionalProperties: false}. */
  boolean object(JsonNode node, String path, Set<String> allowed, String... required) {
    if (absent(node)) {
      return false;
    }
    if (!node.isObject()) {
      add(path, show(node) + " is not of type 'object'");
      return false;
    }
    boolean ok = true;
    for (String r : required) {
      if (!node.has(r)) {
        add(path + "/" + r, "'" + r + "' is a required property");
        ok = false;
      }
    }
    if (allowed != null) {
      Set<String> unexpected = new TreeSet<>();
      node.fieldNames().forEachRemaining(f -> {
        if (!allowed.contains(f)) {
          unexpected.add(f);
        }
      });
      if (!unexpected.isEmpty()) {
        List<String> quoted = unexpected.stream().map(f -> "'" + f + "'").toList();
        add(path, "Additional properties are not allowed (" + String.join(", ", quoted)
            + (unexpected.size() == 1 ? " was" : " were") + " unexpected)");
        ok = false;
      }
    }
    return ok;
  }

  boolean string(JsonNode node, String path) {
    if (absent(node)) {
      return false;
    }
    if (!node.isTextual()) {
      add(path, show(node) + " is not of type 'string'");
      return false;
    }
    return true;
  }

  boolean string(JsonNode node, String path, int minLength) {
    if (!string(node, path)) {
      return false;
    }
    if (node.asText().length() < minLength) {
      add(path, show(node) + " is too short");
      return false;
    }
    return true;
  }

  boolean pattern(JsonNode node, String path, Pattern pattern) {
    if (!string(node, path, 1)) {
      return false;
    }
    if (!pattern.matcher(node.asText()).find()) {
      add(path, show(node) + " does not match '" + pattern.pattern() + "'");
      return false;
    }
    return true;
  }

  boolean bool(JsonNode node, String path) {
    if (absent(node)) {
      return false;
    }
    if (!node.isBoolean()) {
      add(path, show(node) + " is not of type 'boolean'");
      return false;
    }
    return true;
  }

  boolean number(JsonNode node, String path, Double minimum) {
    if (absent(node)) {
      return false;
    }
    if (!node.isNumber()) {
      add(path, show(node) + " is not of type 'number'");
      return false;
    }
    return atLeast(node, path, minimum);
  }

  boolean integer(JsonNode node, String path, Long minimum) {
    if (absent(node)) {
      return false;
    }
    if (!node.isIntegralNumber()) {
      add(path, show(node) + " is not of type 'integer'");
      return false;
    }
    return atLeast(node, path, minimum == null ? null : minimum.doubleValue());
  }

  private boolean atLeast(JsonNode node, String path, Double minimum) {
    if (minimum != null && node.asDouble() < minimum) {
      add(path, node.asText() + " is less than the minimum of " + show(minimum));
      return false;
    }
    return true;
  }

  boolean oneOf(JsonNode node, String path, List<String> values) {
    if (absent(node)) {
      return false;
    }
    if (!node.isTextual() || !values.contains(node.asText())) {
      add(path, show(node) + " is not one of " + values.stream().map(v -> "'" + v + "'").toList());
      return false;
    }
    return true;
  }

  boolean array(JsonNode node, String path) {
    if (absent(node)) {
      return false;
    }
    if (!node.isArray()) {
      add(path, show(node) + " is not of type 'array'");
      return false;
    }
    return true;
  }

  /** An object whose every value is a string (labels, network labels). */
  boolean stringMap(JsonNode node, String path) {
    if (!object(node, path, null)) {
      return false;
    }
    boolean ok = true;
    for (var it = node.fields(); it.hasNext(); ) {
      var e = it.next();
      ok &= string(e.getValue(), path + "/" + escape(e.getKey()));
    }
    return ok;
  }

  /** A value that is not there: its absence was reported as a missing required property, if it is one. */
  private static boolean absent(JsonNode node) {
    return node == null || node.isMissingNode();
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  static String show(JsonNode node) {
    return node.isTextual() ? "'" + node.asText() + "'" : node.toString();
  }

  private static String show(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}

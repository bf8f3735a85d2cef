package io.berth.node;

import java.util.LinkedHashMap;
import java.util.Map;

/** Collects the command-line flags that were given, by config field name, for the config loader. */
final class Flags {
  private final Map<String, Object> values = new LinkedHashMap<>();

  Flags put(String field, Object value) {
    if (value != null) {
      values.put(field, value instanceof java.nio.file.Path p ? p.toString() : value);
    }
    return this;
  }

  Map<String, Object> values() {
    return values;
  }
}

package io.berth.node.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.berth.common.error.BerthException;
import io.berth.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Loads a typed config record from four layers, each overriding the one before: the record's defaults, a section
 * of a YAML file ({@code master:} or {@code agent:}), environment variables {@code BERTH_<SECTION>_<FIELD>} (field
 * in upper snake case, e.g. {@code BERTH_AGENT_WORK_DIR}), and command-line flags. Durations are written
 * {@code 500ms}, {@code 15s}, {@code 10m}, {@code 1h} (or ISO-8601).
 */
public final class ConfigLoader {
  private static final ObjectMapper MAPPER = Json.mapper().copy()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .registerModule(new SimpleModule().addDeserializer(Duration.class, new DurationDeserializer()));
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigLoader() {}

  public static <T> T load(Class<T> type, T defaults, String section, Path yamlFile, Map<String, String> env,
      Map<String, Object> flags) {
    ObjectNode tree = MAPPER.valueToTree(defaults);
    if (yamlFile != null) {
      overlay(tree, readYamlSection(yamlFile, section), "file " + yamlFile);
    }
    String prefix = "BERTH_" + section.toUpperCase(Locale.ROOT) + "_";
    for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      String value = env.get(prefix + upperSnake(field));
      if (value != null) {
        tree.put(field, value);
      }
    }
    flags.forEach((field, value) -> tree.set(field, MAPPER.valueToTree(value)));
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      String field = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
          .collect(java.util.stream.Collectors.joining("."));
      throw BerthException.invalid("Invalid " + section + " configuration" + (field.isEmpty() ? "" : " of '" + field + "'")
          + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw BerthException.invalid("Invalid " + section + " configuration: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static JsonNode readYamlSection(Path file, String section) {
    try {
      JsonNode root = YAML.readTree(Files.readAllBytes(file));
      if (root == null || root.isMissingNode() || root.isNull()) {
        return MAPPER.createObjectNode();
      }
      JsonNode node = root.path(section);
      if (!node.isMissingNode() && !node.isObject()) {
        throw BerthException.invalid("Section '" + section + "' of " + file + " must be a mapping");
      }
      return node;
    } catch (IOException e) {
      throw BerthException.invalid("Cannot read configuration file " + file + ": " + e.getMessage());
    }
  }

  private static void overlay(ObjectNode tree, JsonNode layer, String where) {
    if (layer.isMissingNode()) {
      return;
    }
    layer.fields().forEachRemaining(e -> {
      if (!tree.has(e.getKey())) {
        throw BerthException.invalid("Unknown configuration key '" + e.getKey() + "' in " + where);
      }
      tree.set(e.getKey(), e.getValue());
    });
  }

  static String upperSnake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /** Parses {@code 500ms}, {@code 15s}, {@code 10m}, {@code 2h}, {@code 1d} or ISO-8601 durations. */
  public static Duration parseDuration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).strip()));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1).strip());
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw BerthException.invalid("Invalid duration '" + text + "': use e.g. 500ms, 15s, 10m, 2h");
    }
  }

  private static final class DurationDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken().isNumeric()) {
        return Duration.ofSeconds(p.getLongValue());
      }
      return parseDuration(p.getValueAsString());
    }
  }
}

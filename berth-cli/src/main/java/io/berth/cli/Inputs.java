package io.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** What users give commands: JSON definitions from a file or stdin, {@code key=value} properties, password files. */
public final class Inputs {
  private Inputs() {}

  /** JSON from {@code file}, or from stdin when it is null or {@code -}; usage failures for missing files and bad JSON. */
  public static JsonNode json(Path file, InputStream stdin) {
    byte[] bytes;
    String source = file == null || file.toString().equals("-") ? "stdin" : file.toString();
    try {
      if (source.equals("stdin")) {
        if (System.console() != null && System.console().isTerminal()) {
          throw CliFailure.usage("give a JSON file, or pipe the JSON into stdin");
        }
        bytes = stdin.readAllBytes();
      } else {
        bytes = Files.readAllBytes(file);
      }
    } catch (NoSuchFileException e) {
      throw CliFailure.usage("no such file: " + file);
    } catch (IOException e) {
      throw CliFailure.usage("cannot read " + source + ": " + e.getMessage());
    }
    return parse(bytes, source);
  }

  /** Parses JSON; a usage failure naming the source and the position when it is not JSON. */
  public static JsonNode parse(byte[] bytes, String source) {
    try {
      JsonNode node = Json.mapper().readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw CliFailure.usage(source + " is empty: expected a JSON object");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw CliFailure.usage(source + " is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
    } catch (IOException e) {
      throw CliFailure.usage("cannot read " + source + ": " + e.getMessage());
    }
  }

  /** {@code key=value} properties as a JSON object; values that parse as JSON are JSON ({@code instances=3}), else strings. */
  public static ObjectNode properties(List<String> properties) {
    ObjectNode object = Json.mapper().createObjectNode();
    for (String p : properties) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw CliFailure.usage("'" + p + "' is not a property: expected key=value, e.g. instances=3");
      }
      String value = p.substring(eq + 1);
      JsonNode parsed;
      try {
        parsed = Json.mapper().readTree(value);
      } catch (IOException e) {
        parsed = null;
      }
      object.set(p.substring(0, eq), parsed == null || parsed.isMissingNode() ? Json.mapper().getNodeFactory().textNode(value) : parsed);
    }
    return object;
  }

  /** A secret from a file: its first line; a JSON file like {@code .berth/admin-credentials} gives its {@code password}. */
  public static Secret secret(Path file) {
    try {
      String text = Files.readString(file).strip();
      if (text.startsWith("{")) {
        JsonNode json = parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), file.toString());
        return new Secret(json.path("password").asText(""), json.hasNonNull("uid") ? json.get("uid").asText() : null);
      }
      return new Secret(text.lines().findFirst().orElse(""), null);
    } catch (NoSuchFileException e) {
      throw CliFailure.usage("no such file: " + file);
    } catch (IOException e) {
      throw CliFailure.usage("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** A password, and the user id when the file named one. */
  public record Secret(String password, String uid) {}
}

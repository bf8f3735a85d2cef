package io.berth.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.BerthException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marathon's label selector for {@code GET /v2/apps?label=}: comma-separated terms, all must hold; a term is
 * {@code key}, {@code key==v}, {@code key!=v}, {@code key in (a,b)} or {@code key notin (a,b)}. Backslash escapes.
 */
record LabelSelector(List<Term> terms) {
  private static final String WORD = "((?:\\\\.|[-A-Za-z0-9_.])+)";
  private static final Pattern TERM = Pattern.compile("^\\s*" + WORD + "\\s*(?:(==|!=)\\s*" + WORD
      + "|\\s+(in|notin)\\s*\\(([^)]*)\\))?\\s*$");

  record Term(String key, String op, Set<String> values) {
    boolean matches(JsonNode labels) {
      JsonNode v = labels.get(key);
      return switch (op) {
        case "exists" -> v != null;
        case "==", "in" -> v != null && values.contains(v.asText());
        case "!=", "notin" -> v == null || !values.contains(v.asText());
        default -> false;
      };
    }
  }

  static LabelSelector parse(String text) {
    List<Term> terms = new ArrayList<>();
    if (text.isBlank()) {
      return new LabelSelector(terms);
    }
    for (String part : splitTerms(text)) {
      Matcher m = TERM.matcher(part);
      if (!m.matches()) {
        throw BerthException.badRequest("Invalid label selector: " + part);
      }
      String key = unescape(m.group(1));
      if (m.group(2) != null) {
        terms.add(new Term(key, m.group(2), Set.of(unescape(m.group(3)))));
      } else if (m.group(4) != null) {
        List<String> values = new ArrayList<>();
        for (String v : m.group(5).split(",")) {
          values.add(unescape(v.strip()));
        }
        terms.add(new Term(key, m.group(4), Set.copyOf(values)));
      } else {
        terms.add(new Term(key, "exists", Set.of()));
      }
    }
    return new LabelSelector(terms);
  }

  private static List<String> splitTerms(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        cur.append(c).append(text.charAt(++i));
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  private static String unescape(String s) {
    return s.replaceAll("\\\\(.)", "$1");
  }

  boolean matches(JsonNode labels) {
    return terms.stream().allMatch(t -> t.matches(labels));
  }
}

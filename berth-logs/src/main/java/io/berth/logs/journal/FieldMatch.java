package io.berth.logs.journal;

import io.berth.common.error.BerthException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One condition on entries: some of {@code fields} equals {@code value}. A query's matches must all hold (AND);
 * {@code filter=FIELD:value} gives one field, the v2 component route two ({@code UNIT} or {@code _SYSTEMD_UNIT}).
 */
public record FieldMatch(List<String> fields, String value) {
  private static final Pattern FIELD = Pattern.compile("[A-Z0-9_]+");

  public FieldMatch {
    fields = List.copyOf(fields);
  }

  /** Parses {@code FIELD:value} (the field is upper-cased); a malformed filter is a 400. */
  public static FieldMatch parse(String filter) {
    int colon = filter.indexOf(':');
    if (colon <= 0) {
      throw BerthException.badRequest("Invalid filter '" + filter + "': expected FIELD:value, e.g. "
          + "_SYSTEMD_UNIT:berth-master.service");
    }
    String field = filter.substring(0, colon).strip().toUpperCase(Locale.ROOT);
    if (!FIELD.matcher(field).matches()) {
      throw BerthException.badRequest("Invalid filter '" + filter + "': a field name has only letters, digits and '_'");
    }
    return new FieldMatch(List.of(field), filter.substring(colon + 1));
  }

  /** Entries of a unit: {@code UNIT} or {@code _SYSTEMD_UNIT} equals it. */
  public static FieldMatch unit(String unit) {
    return new FieldMatch(List.of("UNIT", "_SYSTEMD_UNIT"), unit);
  }

  public boolean test(java.util.Map<String, String> entryFields) {
    for (String field : fields) {
      if (value.equals(entryFields.get(field))) {
        return true;
      }
    }
    return false;
  }
}

package io.berth.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One placement constraint {@code [field, operator, value?]}. {@code field} is {@code hostname} (or
 * {@code @hostname}), {@code @region}, {@code @zone} or an agent attribute name; {@code value} may be null.
 * Build one from its JSON array form with {@link #parse}, which reports Marathon's validation messages.
 */
public record Constraint(String field, Operator operator, String value) {
  private static final Pattern IS_VALUE = Pattern.compile("^[a-zA-Z0-9_/.-]*$");

  /** The errors of a raw constraint (empty when valid), worded as Marathon words them. */
  public static List<String> validate(List<String> raw) {
    List<String> errors = new ArrayList<>();
    if (raw == null || raw.size() < 2 || raw.size() > 3) {
      errors.add("Each constraint must have either 2 or 3 fields");
      return errors;
    }
    if (raw.get(0) == null || raw.get(0).isBlank()) {
      errors.add("missing field for constraint declaration");
    }
    Operator op = Operator.parse(raw.get(1)).orElse(null);
    if (op == null) {
      errors.add("operator must be one of the following UNIQUE, CLUSTER, GROUP_BY, LIKE, MAX_PER, UNLIKE or IS");
      return errors;
    }
    String value = raw.size() == 3 ? raw.get(2) : null;
    switch (op) {
      case UNIQUE -> {
        if (value != null) {
          errors.add("UNIQUE does not accept a value");
        }
      }
      case CLUSTER -> { }
      case GROUP_BY -> {
        if (value != null && !isInt(value)) {
          errors.add("GROUP BY must define an integer value or else no value at all");
        }
      }
      case LIKE, UNLIKE -> {
        if (value == null || value.isEmpty()) {
          errors.add("LIKE and UNLIKE require a non-empty, regular expression value");
        } else {
          try {
            Pattern.compile(value);
          } catch (PatternSyntaxException e) {
            errors.add("'" + value + "' is not a valid regular expression");
          }
        }
      }
      case MAX_PER -> {
        if (value == null || !isInt(value)) {
          errors.add("MAX_PER requires an integer value");
        }
      }
      case IS -> {
        if (value == null || !IS_VALUE.matcher(value).matches()) {
          errors.add("IS only supports Mesos text and float values (see http://mesos.apache.org/documentation/latest/attributes-resources/)");
        }
      }
    }
    return errors;
  }

  /** Parses a raw constraint. @throws IllegalArgumentException with the first validation error */
  public static Constraint parse(List<String> raw) {
    List<String> errors = validate(raw);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(errors.getFirst());
    }
    return new Constraint(raw.get(0), Operator.parse(raw.get(1)).orElseThrow(), raw.size() == 3 ? raw.get(2) : null);
  }

  /** The JSON array form, with the operator's canonical name. */
  public List<String> toList() {
    return value == null ? List.of(field, operator.name()) : List.of(field, operator.name(), value);
  }

  int intValue() {
    return Integer.parseInt(value.strip());
  }

  private static boolean isInt(String s) {
    try {
      Integer.parseInt(s.strip());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}

package io.berth.placement;

import java.util.Locale;
import java.util.Optional;

/** The placement constraint operators of Marathon (and Metronome), matched case-insensitively. */
public enum Operator {
  /** No two instances share the field's value. */
  UNIQUE,
  /** All instances share one value: the given one, or the first instance's. */
  CLUSTER,
  /** Instances spread evenly over the field's values (optionally over at least N values). */
  GROUP_BY,
  /** The value fully matches the regular expression. */
  LIKE,
  /** The value does not fully match the regular expression (or the field is missing). */
  UNLIKE,
  /** At most N instances per value. */
  MAX_PER,
  /** The value equals the given text or scalar. */
  IS;

  /** The operator named {@code text} (case-insensitive; {@code GROUP BY} and {@code GROUPBY} too). */
  public static Optional<Operator> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String name = text.strip().toUpperCase(Locale.ROOT).replace(' ', '_');
    if (name.equals("GROUPBY")) {
      name = "GROUP_BY";
    }
    for (Operator op : values()) {
      if (op.name().equals(name)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }
}

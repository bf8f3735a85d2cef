package io.berth.agent.task;

import io.berth.common.error.BerthException;

/**
 * Which task ids an agent accepts. An id names a sandbox directory and a checkpoint file, so it must be one safe
 * path segment: letters, digits and {@code . _ - : @ + ~ =} (Marathon's {@code app.instance-uuid._app.1},
 * Metronome's {@code job_run.uuid}), at most {@value #MAX_LENGTH} characters, never {@code ..}.
 */
public final class TaskIds {
  public static final int MAX_LENGTH = 200;

  private TaskIds() {}

  /** Throws {@link BerthException} (422) with a clear message when {@code id} is not acceptable. */
  public static String check(String id) {
    if (id == null || id.isBlank()) {
      throw BerthException.invalid("Task id is missing");
    }
    if (id.length() > MAX_LENGTH) {
      throw BerthException.invalid("Task id is longer than " + MAX_LENGTH + " characters");
    }
    if (id.contains("/") || id.contains("\\")) {
      throw BerthException.invalid("Task id '" + id + "' must not contain '/' or '\\'");
    }
    if (id.contains("..") || id.equals(".")) {
      throw BerthException.invalid("Task id '" + id + "' must not contain '..' or be '.'");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "._-:@+~=".indexOf(c) >= 0;
      if (!ok) {
        throw BerthException.invalid("Task id '" + id.replaceAll("\\p{Cntrl}", "?") + "' contains the character '"
            + (Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c))
            + "'; allowed are letters, digits and . _ - : @ + ~ =");
      }
    }
    return id;
  }
}

package io.berth.marathon.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Marathon's path ids ({@code /group/sub/app}): resolving relative ids, canonicalising {@code .} and {@code ..},
 * validating segments, and the {@code _}-joined form used in task ids.
 */
public final class PathId {
  public static final String SEGMENT_REGEX =
      "^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])$";
  private static final Pattern SEGMENT = Pattern.compile(SEGMENT_REGEX);
  private static final List<String> RESERVED = List.of("restart", "tasks", "versions");

  private PathId() {}

  /** {@code id} resolved against {@code base} (absolute ids stay), with {@code .}/{@code ..} and {@code //} folded. */
  public static String resolve(String base, String id) {
    String joined = id.startsWith("/") ? id : (base.endsWith("/") ? base : base + "/") + id;
    List<String> out = new ArrayList<>();
    for (String seg : joined.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (!out.isEmpty()) {
          out.removeLast();
        }
        continue;
      }
      out.add(seg);
    }
    return "/" + String.join("/", out);
  }

  /** The parent group of an absolute id ({@code /} for top-level ids and for the root). */
  public static String parent(String id) {
    int i = id.lastIndexOf('/');
    return i <= 0 ? "/" : id.substring(0, i);
  }

  /** The validation error of an absolute run spec id, if any. */
  public static Optional<String> validateRunSpecId(String id) {
    if (id.equals("/") || id.isEmpty()) {
      return Optional.of("Path must contain at least one path element");
    }
    Optional<String> segs = validateSegments(id);
    if (segs.isPresent()) {
      return segs;
    }
    String last = id.substring(id.lastIndexOf('/') + 1);
    if (RESERVED.contains(last)) {
      return Optional.of("must not end with any of the following reserved keywords: " + String.join(", ", RESERVED));
    }
    return Optional.empty();
  }

  /** The validation error of an absolute group id ({@code /} is fine), if any. */
  public static Optional<String> validateSegments(String id) {
    for (String seg : id.split("/")) {
      if (!seg.isEmpty() && !SEGMENT.matcher(seg).matches()) {
        return Optional.of("must fully match regular expression '" + SEGMENT_REGEX + "'");
      }
    }
    return Optional.empty();
  }

  /** {@code /prod/web} becomes {@code prod_web}, the app part of Marathon task ids. */
  public static String safe(String id) {
    return id.substring(1).replace('/', '_');
  }

  /** True when {@code id} is {@code group} itself or lies below it. */
  public static boolean isWithin(String id, String group) {
    return group.equals("/") || id.equals(group) || id.startsWith(group + "/");
  }
}

package io.berth.dns.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The label rules of Mesos-DNS ({@code records/labels/labels.go}) and dcos-net ({@code mesos_state:label}),
 * byte for byte. Pure functions.
 */
public final class DnsLabels {
  private DnsLabels() {}

  /**
   * RFC 1123 label (Mesos-DNS default): lower-case, keep {@code a-z0-9}, map {@code - . _} to {@code -}, drop the
   * rest; trim leading {@code -}; cut to 63 and trim trailing {@code -}, refilling from the tail.
   */
  public static String rfc1123(String name) {
    return trimCut(map(name), 63, "-", "-");
  }

  /** RFC 952 label (Mesos-DNS {@code enforceRFC952}): as {@link #rfc1123} but 24 chars and no leading digits. */
  public static String rfc952(String name) {
    return trimCut(map(name), 24, "-0123456789", "-");
  }

  /** The label function a config asks for. */
  public static UnaryOperator<String> spec(boolean enforceRfc952) {
    return enforceRfc952 ? DnsLabels::rfc952 : DnsLabels::rfc1123;
  }

  /** Splits {@code name} on {@code .}, labels each piece and drops empty ones: {@code marathon.prod} stays two labels. */
  public static String domainFrag(String name, UnaryOperator<String> label) {
    List<String> parts = new ArrayList<>();
    for (String part : name.split("\\.", -1)) {
      String l = label.apply(part);
      if (!l.isEmpty()) {
        parts.add(l);
      }
    }
    return String.join(".", parts);
  }

  /**
   * dcos-net's label for VIP names and frameworks: lower-case, keep {@code a-z0-9-}, {@code _} becomes {@code -},
   * every other character (including {@code /}) is dropped; at most 63 chars, no leading or trailing {@code -}.
   */
  public static String l4lb(String name) {
    StringBuilder out = new StringBuilder();
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
        out.append(c);
      } else if (c == '_') {
        out.append('-');
      }
    }
    return trimCut(out.toString(), 63, "-", "-");
  }

  private static String map(String name) {
    StringBuilder out = new StringBuilder(name.length());
    // Go maps the runes of the string: every non-ASCII rune is dropped
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        out.append((char) (c + ('a' - 'A')));
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.append(c);
      } else if (c == '-' || c == '.' || c == '_') {
        out.append('-');
      }
    }
    return out.toString();
  }

  /** Go's {@code trimCut}: cut at {@code maxLen}; when trimming the cut's right end shortened it, refill from the tail. */
  private static String trimCut(String label, int maxLen, String left, String right) {
    String trim = trimLeft(label, left);
    int size = Math.min(trim.length(), maxLen);
    String head = trimRight(trim.substring(0, size), right);
    if (head.length() == size) {
      return head;
    }
    String tail = trimLeft(trim.substring(size), right);
    if (!tail.isEmpty()) {
      return head + tail.substring(0, Math.min(tail.length(), size - head.length()));
    }
    return head;
  }

  private static String trimLeft(String s, String cutset) {
    int i = 0;
    while (i < s.length() && cutset.indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    return s.substring(i);
  }

  private static String trimRight(String s, String cutset) {
    int end = s.length();
    while (end > 0 && cutset.indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(0, end);
  }
}

package io.berth.dns.records;

import java.util.Locale;

/** Name helpers shared by the generator, the server and the HTTP API. Pure. */
public final class DnsNames {
  private DnsNames() {}

  /** The lookup key of a name: lower-case, {@code .*} wildcard fragments removed, with the trailing dot. */
  public static String key(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.contains(".*")) {
      n = n.replace(".*", "");
    }
    return n.endsWith(".") ? n : n + ".";
  }

  /** True when {@code name} (a key) is {@code zone} or below it; {@code zone} is a key too. */
  public static boolean inZone(String name, String zone) {
    return name.equals(zone) || (name.endsWith(zone) && name.charAt(name.length() - zone.length() - 1) == '.');
  }

  /**
   * True when every label is 1 to 63 characters of {@code a-z0-9_-} and the whole name at most 253 characters, so that
   * it can be put on the wire. Legacy Mesos-DNS names built from raw DiscoveryInfo names may fail this; they are skipped.
   */
  public static boolean valid(String key) {
    if (key.length() > 254 || key.length() < 2 || !key.endsWith(".")) {
      return false;
    }
    int labelLength = 0;
    for (int i = 0; i < key.length() - 1; i++) {
      char c = key.charAt(i);
      if (c == '.') {
        if (labelLength == 0) {
          return false;
        }
        labelLength = 0;
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
        if (++labelLength > 63) {
          return false;
        }
      } else {
        return false;
      }
    }
    return labelLength > 0;
  }
}

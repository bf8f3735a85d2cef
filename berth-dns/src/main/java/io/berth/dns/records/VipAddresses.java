package io.berth.dns.records;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Named VIP addresses as dcos-net allocates them (spec l4lb-overlay.md 1.3): a VIP {@code <name-frag>.<fw-frag>} gets
 * an address in {@code 11.0.0.0 - 11.255.255.255} at the offset hash(key) mod range size, probing linearly to the next
 * free address on collision. The hash is the first four bytes of SHA-1 of the key (dcos-net uses Erlang's phash2,
 * which only matters for the exact address, not for the name); keys are allocated in sorted order, so the result is a
 * pure function of the set of live VIPs, and the load balancer computes the same addresses from the same image.
 */
public final class VipAddresses {
  static final long RANGE_START = 11L << 24;
  static final long RANGE_SIZE = 1L << 24;

  private VipAddresses() {}

  /** A parsed VIP label: the name fragments and port; {@code ip} is set instead of a name for IP VIPs. */
  public record VipLabel(String nameFrag, String ip, int port) {}

  /** Parses a VIP label value ({@code /mygroup/myapp:80}, {@code 1.2.3.4:5000}); empty when it is not valid. */
  public static Optional<VipLabel> parse(String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      return Optional.empty();
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1).strip());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (port < 1 || port > 65535) {
      return Optional.empty();
    }
    String left = value.substring(0, colon).strip();
    if (left.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return Optional.of(new VipLabel(null, left, port));
    }
    String frag = DnsLabels.domainFrag(left, DnsLabels::l4lb);
    return frag.isEmpty() ? Optional.empty() : Optional.of(new VipLabel(frag, null, port));
  }

  /** The key of a named VIP: {@code <name-frag>.<fw-frag>}. */
  public static String key(String nameFrag, String frameworkName) {
    return nameFrag + "." + DnsLabels.domainFrag(frameworkName, DnsLabels::l4lb);
  }

  /** Addresses for the given VIP keys, allocated in sorted order. */
  public static Map<String, String> allocate(Set<String> keys) {
    Map<String, String> result = new LinkedHashMap<>();
    Set<Long> used = new HashSet<>();
    for (String key : new TreeSet<>(keys)) {
      long offset = hash(key) % RANGE_SIZE;
      while (used.contains(offset)) {
        offset = (offset + 1) % RANGE_SIZE;
      }
      used.add(offset);
      result.put(key, ipv4(RANGE_START + offset));
    }
    return result;
  }

  /** The address of one VIP among the given live ones. */
  public static Optional<String> addressOf(String key, List<String> liveKeys) {
    Set<String> all = new TreeSet<>(liveKeys);
    all.add(key);
    return Optional.ofNullable(allocate(all).get(key));
  }

  private static long hash(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-1").digest(key.getBytes(StandardCharsets.UTF_8));
      return ((d[0] & 0xffL) << 24) | ((d[1] & 0xffL) << 16) | ((d[2] & 0xffL) << 8) | (d[3] & 0xffL);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  private static String ipv4(long address) {
    return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
        + (address & 0xff);
  }
}

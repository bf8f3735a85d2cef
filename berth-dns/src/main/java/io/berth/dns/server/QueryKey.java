package io.berth.dns.server;

import java.util.Arrays;

/**
 * The answer-cache key of an ordinary query, read straight from its bytes: one question without compression, no
 * answer or authority records, at most an EDNS0 (version 0) OPT record, nothing after it. The key holds the
 * lower-cased question name (wire form), type, class, the response size limit and the EDNS/DO flags. A key is
 * mutable so that each UDP thread reads every query into its own without allocating; {@link #copy} makes the
 * immutable copy the cache stores.
 */
final class QueryKey {
  private final byte[] bytes;
  private int length;
  private int hash;
  private int nameEnd;

  QueryKey() {
    this(new byte[272]);
  }

  private QueryKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Offset just after the question name (the name starts at 12). */
  int nameEnd() {
    return nameEnd;
  }

  /** Reads an ordinary query; false for anything else (which takes the full path). */
  boolean read(byte[] p, int packetLength, boolean tcp) {
    if (packetLength < 17 || packetLength > 512) {
      return false;
    }
    int flags = ((p[2] & 0xff) << 8) | (p[3] & 0xff);
    if ((flags & 0x8000) != 0 || (flags & 0x7800) != 0 || (flags & 0x020f) != 0) {
      return false; // a response, another opcode, TC set or an rcode in a query
    }
    if (p[4] != 0 || p[5] != 1 || p[6] != 0 || p[7] != 0 || p[8] != 0 || p[9] != 0 || p[10] != 0 || (p[11] & 0xff) > 1) {
      return false;
    }
    int k = 0;
    int h = 1;
    int i = 12;
    while (true) {
      if (i >= packetLength) {
        return false;
      }
      int len = p[i] & 0xff;
      if (len == 0) {
        i++;
        break;
      }
      if (len > 63 || i + len + 1 > packetLength || i - 12 + len + 1 > 254) {
        return false;
      }
      bytes[k++] = (byte) len;
      h = 31 * h + len;
      for (int j = i + 1; j <= i + len; j++) {
        int c = p[j] & 0xff;
        if (c >= 'A' && c <= 'Z') {
          c += 32;
        }
        bytes[k++] = (byte) c;
        h = 31 * h + c;
      }
      i += len + 1;
    }
    nameEnd = i;
    if (i + 4 > packetLength) {
      return false;
    }
    int limit = tcp ? Truncation.TCP_MAX : Truncation.UDP_DEFAULT;
    int edns = 0;
    int question = i;
    i += 4;
    if (p[11] == 1) {
      // OPT: root name, type 41, class = payload size, ttl = xrcode|version|DO+Z, rdlength, options
      if (i + 11 > packetLength || p[i] != 0 || p[i + 1] != 0 || p[i + 2] != 41 || p[i + 6] != 0) {
        return false;
      }
      int payload = ((p[i + 3] & 0xff) << 8) | (p[i + 4] & 0xff);
      int rdlength = ((p[i + 9] & 0xff) << 8) | (p[i + 10] & 0xff);
      if (p[i + 5] != 0 || i + 11 + rdlength != packetLength) {
        return false; // EDNS version above 0, or something after the OPT record
      }
      if (!tcp) {
        limit = Math.max(Truncation.UDP_DEFAULT, Math.min(payload, Truncation.MAX_EDNS));
      }
      edns = (p[i + 7] & 0x80) != 0 ? 2 : 1;
    } else if (i != packetLength) {
      return false;
    }
    for (int j = question; j < question + 4; j++) {
      bytes[k++] = p[j];
      h = 31 * h + p[j];
    }
    bytes[k++] = (byte) (limit >>> 8);
    bytes[k++] = (byte) limit;
    bytes[k++] = (byte) edns;
    h = 31 * (31 * (31 * h + (limit >>> 8)) + (limit & 0xff)) + edns;
    length = k;
    hash = h;
    return true;
  }

  QueryKey copy() {
    QueryKey c = new QueryKey(Arrays.copyOf(bytes, length));
    c.length = length;
    c.hash = hash;
    c.nameEnd = nameEnd;
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QueryKey other && other.hash == hash && other.length == length
        && Arrays.equals(bytes, 0, length, other.bytes, 0, length);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}

package io.berth.api.cluster;

import io.berth.common.error.BerthException;

/** An inclusive range of ports, {@code [begin-end]}. */
public record PortRange(long begin, long end) {
  public PortRange {
    if (begin < 0 || end > 65535 || begin > end) {
      throw BerthException.invalid("invalid port range [" + begin + "-" + end + "]");
    }
  }

  public static PortRange of(long port) {
    return new PortRange(port, port);
  }

  public long size() {
    return end - begin + 1;
  }

  public boolean contains(long port) {
    return port >= begin && port <= end;
  }

  @Override
  public String toString() {
    return begin + "-" + end;
  }
}

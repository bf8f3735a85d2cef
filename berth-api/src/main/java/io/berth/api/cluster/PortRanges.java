package io.berth.api.cluster;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.berth.common.error.BerthException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** A set of ports as sorted, disjoint, non-adjacent ranges. Immutable; written as {@code "[31000-31999, 32005-32005]"}. */
public record PortRanges(List<PortRange> ranges) {
  public static final PortRanges NONE = new PortRanges(List.of());

  public PortRanges {
    ranges = normalise(ranges);
  }

  public static PortRanges of(PortRange... ranges) {
    return new PortRanges(List.of(ranges));
  }

  public static PortRanges ofPorts(List<Long> ports) {
    return new PortRanges(ports.stream().map(PortRange::of).toList());
  }

  /** Parses Mesos' text form {@code [31000-32000, 33000-33000]} (brackets optional). */
  @JsonCreator
  public static PortRanges parse(String text) {
    String body = text.strip();
    if (body.startsWith("[") && body.endsWith("]")) {
      body = body.substring(1, body.length() - 1);
    }
    if (body.isBlank()) {
      return NONE;
    }
    List<PortRange> parsed = new ArrayList<>();
    for (String part : body.split(",")) {
      String[] bounds = part.strip().split("-");
      try {
        long begin = Long.parseLong(bounds[0].strip());
        long end = bounds.length > 1 ? Long.parseLong(bounds[1].strip()) : begin;
        if (bounds.length > 2) {
          throw new NumberFormatException();
        }
        parsed.add(new PortRange(begin, end));
      } catch (NumberFormatException e) {
        throw BerthException.invalid("invalid port range '" + part.strip() + "' in '" + text + "'");
      }
    }
    return new PortRanges(parsed);
  }

  @JsonValue
  @Override
  public String toString() {
    return ranges.stream().map(PortRange::toString).collect(Collectors.joining(", ", "[", "]"));
  }

  public long size() {
    return ranges.stream().mapToLong(PortRange::size).sum();
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  public boolean contains(long port) {
    return ranges.stream().anyMatch(r -> r.contains(port));
  }

  public boolean containsAll(PortRanges other) {
    return other.ranges.stream().allMatch(o -> ranges.stream().anyMatch(r -> r.begin() <= o.begin() && o.end() <= r.end()));
  }

  public PortRanges plus(PortRanges other) {
    List<PortRange> all = new ArrayList<>(ranges);
    all.addAll(other.ranges);
    return new PortRanges(all);
  }

  public PortRanges minus(PortRanges other) {
    List<PortRange> result = new ArrayList<>();
    for (PortRange r : ranges) {
      List<PortRange> pieces = List.of(r);
      for (PortRange cut : other.ranges) {
        List<PortRange> next = new ArrayList<>();
        for (PortRange p : pieces) {
          if (cut.end() < p.begin() || cut.begin() > p.end()) {
            next.add(p);
            continue;
          }
          if (cut.begin() > p.begin()) {
            next.add(new PortRange(p.begin(), cut.begin() - 1));
          }
          if (cut.end() < p.end()) {
            next.add(new PortRange(cut.end() + 1, p.end()));
          }
        }
        pieces = next;
      }
      result.addAll(pieces);
    }
    return new PortRanges(result);
  }

  /** The lowest {@code count} ports, or fewer if there are not that many. */
  public List<Long> lowest(int count) {
    List<Long> ports = new ArrayList<>((int) Math.min(count, size()));
    for (PortRange r : ranges) {
      for (long p = r.begin(); p <= r.end() && ports.size() < count; p++) {
        ports.add(p);
      }
    }
    return ports;
  }

  private static List<PortRange> normalise(List<PortRange> input) {
    List<PortRange> sorted = new ArrayList<>(input);
    sorted.sort(Comparator.comparingLong(PortRange::begin));
    List<PortRange> merged = new ArrayList<>();
    for (PortRange r : sorted) {
      if (!merged.isEmpty() && merged.getLast().end() + 1 >= r.begin()) {
        PortRange last = merged.removeLast();
        merged.add(new PortRange(last.begin(), Math.max(last.end(), r.end())));
      } else {
        merged.add(r);
      }
    }
    return List.copyOf(merged);
  }
}

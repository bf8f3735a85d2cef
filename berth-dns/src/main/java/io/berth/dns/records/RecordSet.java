package io.berth.dns.records;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The immutable result of {@link RecordGenerator}: every name the cluster answers for (lower-case, fully qualified
 * with the trailing dot) and its records, the SOA serial, and the Mesos-DNS enumeration of frameworks and tasks.
 */
public record RecordSet(long serial, Map<String, NameRecords> names, List<Enumeration.Framework> enumeration) {
  public static final RecordSet EMPTY = new RecordSet(0, Map.of(), List.of());

  public RecordSet {
    names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
    enumeration = List.copyOf(enumeration);
  }

  /** The records of a name (any case, with or without the trailing dot). */
  public Optional<NameRecords> lookup(String name) {
    return Optional.ofNullable(names.get(DnsNames.key(name)));
  }

  /** Mesos-DNS' enumeration ({@code /v1/enumerate}): frameworks, their tasks and each task's records. */
  public static final class Enumeration {
    private Enumeration() {}

    /** A framework and its tasks. */
    public record Framework(String name, List<Task> tasks) {
      public Framework {
        tasks = List.copyOf(tasks);
      }
    }

    /** A task and its records. */
    public record Task(String name, String id, List<Record> records) {
      public Task {
        records = List.copyOf(records);
      }
    }

    /** One record: {@code host} is the address, or {@code target:port} for SRV. */
    public record Record(String name, String host, String rtype) {}
  }
}

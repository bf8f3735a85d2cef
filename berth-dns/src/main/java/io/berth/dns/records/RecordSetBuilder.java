package io.berth.dns.records;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects records by name (set semantics, as Mesos-DNS' record maps) and the enumeration of the task being added.
 * Names that cannot go on the wire are skipped. Not thread-safe; used inside one generation.
 */
final class RecordSetBuilder {
  private static final class Entry {
    final Set<String> a = new LinkedHashSet<>();
    final Set<String> aaaa = new LinkedHashSet<>();
    final Set<Srv> srv = new LinkedHashSet<>();
    final int ttl;

    Entry(int ttl) {
      this.ttl = ttl;
    }
  }

  private final Map<String, Entry> names = new LinkedHashMap<>();
  private List<RecordSet.Enumeration.Record> taskRecords;

  /** Records added from now on are listed under the current task in the enumeration. */
  void collectFor(List<RecordSet.Enumeration.Record> records) {
    taskRecords = records;
  }

  void address(String name, String ip, int ttl) {
    Entry e = entry(name, ttl);
    if (e == null || ip == null || !isLiteral(ip)) {
      return;
    }
    boolean added = ip.indexOf(':') >= 0 ? e.aaaa.add(ip) : e.a.add(ip);
    if (added && taskRecords != null) {
      taskRecords.add(new RecordSet.Enumeration.Record(DnsNames.key(name), ip, ip.indexOf(':') >= 0 ? "AAAA" : "A"));
    }
  }

  void srv(String name, String target, long port, int weight, int ttl) {
    String t = DnsNames.key(target);
    Entry e = entry(name, ttl);
    if (e == null || !DnsNames.valid(t) || port < 0 || port > 65535) {
      return;
    }
    Srv srv = new Srv(t, (int) port, 0, weight);
    if (e.srv.add(srv) && taskRecords != null) {
      taskRecords.add(new RecordSet.Enumeration.Record(DnsNames.key(name), srv.hostPort(), "SRV"));
    }
  }

  private static boolean isLiteral(String ip) {
    return org.xbill.DNS.Address.toByteArray(ip, ip.indexOf(':') >= 0 ? org.xbill.DNS.Address.IPv6 : org.xbill.DNS.Address.IPv4) != null;
  }

  /** Every name in {@code zone} (a key), in insertion order, with its records, for mirroring. */
  List<Map.Entry<String, NameRecords>> inZone(String zone) {
    List<Map.Entry<String, NameRecords>> out = new ArrayList<>();
    names.forEach((name, e) -> {
      if (DnsNames.inZone(name, zone)) {
        out.add(Map.entry(name, records(e)));
      }
    });
    return out;
  }

  RecordSet build(long serial, List<RecordSet.Enumeration.Framework> enumeration) {
    Map<String, NameRecords> out = new LinkedHashMap<>();
    names.forEach((name, e) -> out.put(name, records(e)));
    return new RecordSet(serial, out, enumeration);
  }

  private static NameRecords records(Entry e) {
    return new NameRecords(List.copyOf(e.a), List.copyOf(e.aaaa), List.copyOf(e.srv), e.ttl);
  }

  private Entry entry(String name, int ttl) {
    String key = DnsNames.key(name);
    if (!DnsNames.valid(key)) {
      return null;
    }
    return names.computeIfAbsent(key, k -> new Entry(ttl));
  }
}

package io.berth.dns.records;

import java.util.List;

/**
 * Everything one name resolves to: IPv4 and IPv6 addresses (text form) and SRV records, all with one TTL (seconds).
 * Lists keep generation order and hold no duplicates.
 */
public record NameRecords(List<String> a, List<String> aaaa, List<Srv> srv, int ttl) {
  public NameRecords {
    a = List.copyOf(a);
    aaaa = List.copyOf(aaaa);
    srv = List.copyOf(srv);
  }

  public boolean isEmpty() {
    return a.isEmpty() && aaaa.isEmpty() && srv.isEmpty();
  }
}

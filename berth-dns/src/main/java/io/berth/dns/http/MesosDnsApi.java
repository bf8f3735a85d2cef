package io.berth.dns.http;

import io.berth.dns.DnsConfig;
import io.berth.dns.IpSource;
import io.berth.dns.records.DnsNames;
import io.berth.dns.records.NameRecords;
import io.berth.dns.records.RecordSet;
import io.berth.dns.records.Srv;
import io.berth.http.ErrorRenderer;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.http.Routes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Mesos-DNS HTTP API (spec 1.8), on its own port (8123 by default; the gateway routes {@code /mesos_dns/} to it):
 * {@code /v1/version}, {@code /v1/config}, {@code /v1/hosts/{host}}, {@code /v1/services/{service}},
 * {@code /v1/enumerate}, {@code /v1/axfr}. Its quirks are kept: always 200, a no-match is a list with one record of
 * empty strings, {@code /v1/hosts/{host}/ports} is 501. Errors are plain text, as Mesos-DNS' are.
 */
public final class MesosDnsApi {
  public static final String VERSION = "0.1.0-berth";

  private final DnsConfig config;
  private final Supplier<RecordSet> records;
  private final Map<String, Object> effectiveConfig;

  /** @param effectiveConfig extra fields of {@code /v1/config} the node knows (ports, listener, ZooKeeper) */
  public MesosDnsApi(DnsConfig config, Supplier<RecordSet> records, Map<String, Object> effectiveConfig) {
    this.config = config;
    this.records = records;
    this.effectiveConfig = Map.copyOf(effectiveConfig);
  }

  public Routes routes() {
    Routes.Builder routes = Routes.builder(ErrorRenderer.text())
        .get("/v1/version", r -> Response.ok(version()))
        .get("/v1/config", r -> Response.ok(config()))
        .get("/v1/hosts/{host}", this::hosts)
        .get("/v1/hosts/{host}/ports", r -> Response.text(501, "not implemented"))
        .get("/v1/services/{service}", this::services);
    if (config.enumeration()) {
      routes.get("/v1/enumerate", r -> Response.ok(Map.of("frameworks", records.get().enumeration())))
          .get("/v1/axfr", r -> Response.ok(axfr(records.get())));
    }
    return routes.build();
  }

  static Map<String, Object> version() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("Service", "Mesos-DNS");
    v.put("Version", VERSION);
    v.put("URL", "https://github.com/mesosphere/mesos-dns");
    return v;
  }

  private Map<String, Object> config() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("RefreshSeconds", 0); // no polling: records follow every committed state change
    c.put("TTL", config.ttl());
    c.put("Domain", config.domain());
    c.put("Resolvers", config.resolvers());
    c.put("Timeout", config.forwardTimeout().toSeconds());
    c.put("SOAMname", config.soaMname());
    c.put("SOARname", config.soaRname());
    c.put("SOARefresh", 60);
    c.put("SOARetry", 600);
    c.put("SOAExpire", 86400);
    c.put("SOAMinttl", config.ttl());
    c.put("DnsOn", true);
    c.put("HttpOn", true);
    c.put("ExternalOn", config.external());
    c.put("RecurseOn", config.recurse());
    c.put("EnforceRFC952", config.enforceRfc952());
    c.put("SetTruncateBit", config.truncateBit());
    c.put("EnumerationOn", config.enumeration());
    c.put("IPSources", config.ipSources().stream().map(IpSource::configName).toList());
    c.put("SRVRecordDefaultWeight", config.srvWeight());
    c.putAll(effectiveConfig);
    return c;
  }

  private Response hosts(Request request) {
    String host = request.pathParam("host");
    String key = DnsNames.key(host);
    List<Map<String, String>> out = new ArrayList<>();
    NameRecords found = records.get().names().get(key);
    if (found != null) {
      found.a().forEach(ip -> out.add(host(key, ip)));
      found.aaaa().forEach(ip -> out.add(host(key, ip)));
    }
    if (out.isEmpty()) {
      out.add(host("", ""));
    }
    return Response.ok(out);
  }

  private static Map<String, String> host(String host, String ip) {
    Map<String, String> record = new LinkedHashMap<>();
    record.put("host", host);
    record.put("ip", ip);
    return record;
  }

  private Response services(Request request) {
    String service = request.pathParam("service");
    RecordSet set = records.get();
    NameRecords found = set.names().get(DnsNames.key(service));
    List<Map<String, String>> out = new ArrayList<>();
    if (found != null) {
      for (Srv srv : found.srv()) {
        NameRecords target = set.names().get(srv.target());
        String ip = target == null ? "" : !target.a().isEmpty() ? target.a().getFirst()
            : target.aaaa().isEmpty() ? "" : target.aaaa().getFirst();
        Map<String, String> record = new LinkedHashMap<>();
        record.put("service", service);
        record.put("host", srv.target());
        record.put("ip", ip);
        record.put("port", String.valueOf(srv.port()));
        out.add(record);
      }
    }
    if (out.isEmpty()) {
      Map<String, String> none = new LinkedHashMap<>();
      none.put("service", "");
      none.put("host", "");
      none.put("ip", "");
      none.put("port", "");
      out.add(none);
    }
    return Response.ok(out);
  }

  private Map<String, Object> axfr(RecordSet set) {
    Map<String, List<String>> as = new LinkedHashMap<>();
    Map<String, List<String>> aaaas = new LinkedHashMap<>();
    Map<String, List<String>> srvs = new LinkedHashMap<>();
    set.names().forEach((name, r) -> {
      if (!DnsNames.inZone(name, config.zone())) {
        return;
      }
      if (!r.a().isEmpty()) {
        as.put(name, r.a());
      }
      if (!r.aaaa().isEmpty()) {
        aaaas.put(name, r.aaaa());
      }
      if (!r.srv().isEmpty()) {
        srvs.put(name, r.srv().stream().map(Srv::hostPort).toList());
      }
    });
    Map<String, Object> records = new LinkedHashMap<>();
    records.put("As", as);
    records.put("AAAAs", aaaas);
    records.put("SRVs", srvs);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("TTL", config.ttl());
    out.put("Serial", set.serial());
    out.put("RefreshSeconds", 0);
    out.put("Mname", config.soaMname());
    out.put("Rname", config.soaRname());
    out.put("Domain", config.domain());
    out.put("Records", records);
    return out;
  }
}

package io.berth.dns.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.json.Json;
import io.berth.dns.DnsConfig;
import io.berth.dns.records.RecordGeneratorFixture;
import io.berth.dns.records.RecordSet;
import io.berth.dns.records.TaskHash;
import io.berth.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Mesos-DNS HTTP API over real HTTP, with its response quirks. */
class MesosDnsApiTest {
  static final RecordSet RECORDS = RecordGeneratorFixture.records();
  static HttpServer server;
  static final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = HttpServer.start("127.0.0.1", 0, List.of(new MesosDnsApi(DnsConfig.defaults(List.of("10.0.0.53")),
        () -> RECORDS, Map.of("Port", 8053, "HttpPort", 8123)).routes()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(String path) throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return Json.tree(r.body().getBytes());
  }

  @Test
  void version() throws Exception {
    JsonNode v = json("/v1/version");
    assertThat(v.path("Service").asText()).isEqualTo("Mesos-DNS");
    assertThat(v.path("URL").asText()).isEqualTo("https://github.com/mesosphere/mesos-dns");
    assertThat(v.path("Version").asText()).isNotBlank();
  }

  @Test
  void configUsesGoFieldNames() throws Exception {
    JsonNode c = json("/v1/config");
    assertThat(c.path("Domain").asText()).isEqualTo("mesos");
    assertThat(c.path("TTL").asInt()).isEqualTo(60);
    assertThat(c.path("Resolvers").get(0).asText()).isEqualTo("10.0.0.53");
    assertThat(c.path("IPSources").toString()).isEqualTo("[\"host\",\"netinfo\"]");
    assertThat(c.path("Port").asInt()).isEqualTo(8053);
    assertThat(c.path("HttpPort").asInt()).isEqualTo(8123);
    assertThat(c.path("ExternalOn").asBoolean()).isTrue();
  }

  @Test
  void hostsWithAndWithoutTheTrailingDot() throws Exception {
    JsonNode hosts = json("/v1/hosts/app-g2-g1.marathon.mesos");
    assertThat(hosts.toString()).isEqualTo("[{\"host\":\"app-g2-g1.marathon.mesos.\",\"ip\":\"10.0.1.3\"}]");
    assertThat(json("/v1/hosts/APP-G2-G1.marathon.mesos.").toString()).isEqualTo(hosts.toString());
    assertThat(json("/v1/hosts/master.mesos").size()).isEqualTo(2);
  }

  @Test
  void noMatchIsOneEmptyRecord() throws Exception {
    assertThat(json("/v1/hosts/nope.mesos").toString()).isEqualTo("[{\"host\":\"\",\"ip\":\"\"}]");
    assertThat(json("/v1/services/_nope._tcp.marathon.mesos").toString())
        .isEqualTo("[{\"service\":\"\",\"host\":\"\",\"ip\":\"\",\"port\":\"\"}]");
  }

  @Test
  void servicesGiveTargetIpAndPortAsString() throws Exception {
    JsonNode s = json("/v1/services/_http._app-g2-g1._tcp.marathon.mesos");
    assertThat(s).hasSize(1);
    assertThat(s.get(0).path("service").asText()).isEqualTo("_http._app-g2-g1._tcp.marathon.mesos");
    assertThat(s.get(0).path("host").asText()).isEqualTo("app-g2-g1-" + TaskHash.of("g1_g2_app.uuid-1") + "-s3.marathon.mesos.");
    assertThat(s.get(0).path("ip").asText()).isEqualTo("10.0.1.3");
    assertThat(s.get(0).path("port").isTextual()).isTrue();
    assertThat(s.get(0).path("port").asText()).isEqualTo("31005");
  }

  @Test
  void hostPortsIsNotImplementedAndUnknownPathsAre404() throws Exception {
    assertThat(get("/v1/hosts/leader.mesos/ports").statusCode()).isEqualTo(501);
    HttpResponse<String> missing = get("/v1/nothing");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(client.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/version"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
  }

  @Test
  void enumerateAndAxfr() throws Exception {
    JsonNode e = json("/v1/enumerate");
    assertThat(e.path("frameworks").get(0).path("name").asText()).isEqualTo("marathon");
    JsonNode task = e.path("frameworks").get(0).path("tasks").get(0);
    assertThat(task.path("id").asText()).isEqualTo("g1_g2_app.uuid-1");
    assertThat(task.path("records").toString()).contains("\"rtype\":\"SRV\"").contains("\"rtype\":\"A\"");
    JsonNode axfr = json("/v1/axfr");
    assertThat(axfr.path("Domain").asText()).isEqualTo("mesos");
    assertThat(axfr.path("Mname").asText()).isEqualTo("ns1.mesos.");
    assertThat(axfr.path("Serial").asLong()).isEqualTo(7);
    assertThat(axfr.path("Records").path("As").path("leader.mesos.").toString()).isEqualTo("[\"10.0.0.1\"]");
    assertThat(axfr.path("Records").path("SRVs").path("_leader._tcp.mesos.").toString()).isEqualTo("[\"leader.mesos.:5050\"]");
    assertThat(axfr.path("Records").path("As").has("leader.dcos.thisdcos.directory.")).isFalse();
  }
}

package io.berth.secrets.ca;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.json.Json;
import io.berth.http.HttpServer;
import io.berth.state.StateWriter;
import io.berth.state.image.ClusterImage;
import io.berth.testkit.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CaApiTest {
  final TestClock clock = new TestClock();
  ClusterImage image = ClusterImage.EMPTY;
  final StateWriter writer = new StateWriter() {
    @Override
    public synchronized <T> CompletableFuture<T> write(Function<ClusterImage, Write<T>> command) {
      Write<T> w = command.apply(image);
      image = image.apply(image.offset() + 1, w.records());
      return CompletableFuture.completedFuture(w.result());
    }
  };
  final CaService ca = new CaService(() -> image, clock);
  final HttpClient client = HttpClient.newHttpClient();
  HttpServer server;

  @BeforeEach
  void start() {
    ca.lead(writer);
    ca.bootstrap(null);
    server = HttpServer.start("127.0.0.1", 0, List.of(new CaApi(ca).routes()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<String> post(String path, Object body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(server.url() + path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body instanceof String s ? s.getBytes() : Json.write(body))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void bootstrapIsIdempotentAndInfoServesTheRoot() throws Exception {
    String root = image.iam().ca().certificate();
    ca.bootstrap(null);
    assertThat(image.iam().ca().certificate()).isEqualTo(root);
    JsonNode info = Json.tree(post("/ca/api/v2/info", "{}").body().getBytes());
    assertThat(info.path("success").asBoolean()).isTrue();
    assertThat(info.path("result").path("certificate").asText()).isEqualTo(root);
    assertThat(info.path("errors")).isEmpty();
  }

  @Test
  void newkeyThenSignGivesACertificateThatChainsToTheRoot() throws Exception {
    JsonNode key = Json.tree(post("/ca/api/v2/newkey", Map.of("CN", "svc.berth", "hosts", List.of("svc.berth", "127.0.0.1"),
        "names", List.of(Map.of("O", "Berth")), "key", Map.of("algo", "ecdsa", "size", 256))).body().getBytes());
    assertThat(key.path("result").path("private_key").asText()).contains("PRIVATE KEY");
    String csr = key.path("result").path("certificate_request").asText();
    JsonNode signed = Json.tree(post("/ca/api/v2/sign", Map.of("certificate_request", csr)).body().getBytes());
    X509Certificate cert = Pem.certificate(signed.path("result").path("certificate").asText());
    X509Certificate root = ca.require().certificate();
    cert.verify(root.getPublicKey());
    cert.checkValidity(java.util.Date.from(clock.instant()));
    assertThat(cert.getSubjectAlternativeNames().stream().map(l -> String.valueOf(l.get(1))).toList()).contains("svc.berth", "127.0.0.1");
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(image.iam().certificates()).hasSize(1);
    JsonNode listed = Json.tree(post("/ca/api/v2/certificates", "{}").body().getBytes());
    assertThat(listed.path("result").get(0).path("serial").asText()).isEqualTo(cert.getSerialNumber().toString(16));

    JsonNode newcert = Json.tree(post("/ca/api/v2/newcert", Map.of("request", Map.of("CN", "x", "hosts", List.of("x.berth"))))
        .body().getBytes());
    Pem.certificate(newcert.path("result").path("certificate").asText()).verify(root.getPublicKey());
  }

  @Test
  void badRequestsAreRefusedInCfsslsEnvelopeAndIssueNothing() throws Exception {
    HttpResponse<String> broken = post("/ca/api/v2/sign", Map.of("certificate_request", "-----BEGIN NOPE-----"));
    assertThat(broken.statusCode()).isEqualTo(400);
    JsonNode body = Json.tree(broken.body().getBytes());
    assertThat(body.path("success").asBoolean()).isFalse();
    assertThat(body.path("errors").get(0).path("message").asText()).isNotBlank();
    assertThat(post("/ca/api/v2/newkey", Map.of("CN", "x", "key", Map.of("algo", "rsa", "size", 1024))).statusCode()).isEqualTo(400);
    assertThat(post("/ca/api/v2/newkey", Map.of("CN", "x", "hosts", List.of("bad host!"))).statusCode()).isEqualTo(400);
    assertThat(post("/ca/api/v2/newcert", "{}").statusCode()).isEqualTo(400);
    assertThat(post("/ca/api/v2/sign", "{oops").statusCode()).isEqualTo(400);
    assertThat(image.iam().certificates()).isEmpty();
  }
}

package io.berth.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.error.BerthException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServerTest {
  record Thing(String name, int size) {}

  private HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    Routes json = Routes.builder(ErrorRenderer.json())
        .get("/things/{id}", r -> Response.ok(Map.of("id", r.pathParam("id"), "q", r.query("q").orElse(""))))
        .post("/things", r -> Response.json(201, r.json(Thing.class)))
        .get("/files/{path...}", r -> Response.text(200, r.pathParam("path")))
        .get("/fail", r -> {
          throw BerthException.conflict("taken");
        })
        .get("/bug", r -> {
          throw new IllegalStateException("oops");
        })
        .build();
    Routes text = Routes.builder(ErrorRenderer.text())
        .get("/slave(1)/state", r -> Response.text(200, "ok"))
        .get("/mesos/fail", r -> {
          throw BerthException.badRequest("bad thing");
        })
        .build();
    server = HttpServer.start("127.0.0.1", 0, List.of(json, text));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    return client.send(HttpRequest.newBuilder(URI.create(server.url() + path)).method(method, publisher).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void routesWithParamsQueryAndRest() throws Exception {
    var thing = io.berth.common.json.Json.tree(send("GET", "/things/42?q=x", null).body().getBytes());
    assertThat(thing.path("id").asText()).isEqualTo("42");
    assertThat(thing.path("q").asText()).isEqualTo("x");
    assertThat(send("GET", "/files/a/b/c.txt", null).body()).isEqualTo("a/b/c.txt");
    assertThat(send("GET", "/slave(1)/state", null).body()).isEqualTo("ok");
    HttpResponse<String> created = send("POST", "/things", "{\"name\":\"box\",\"size\":3,\"extra\":true}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).isEqualTo("{\"name\":\"box\",\"size\":3}");
  }

  @Test
  void errorsInTheShapeOfTheApi() throws Exception {
    HttpResponse<String> conflict = send("GET", "/fail", null);
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.body()).isEqualTo("{\"code\":\"CONFLICT\",\"message\":\"taken\"}");
    HttpResponse<String> text = send("GET", "/mesos/fail", null);
    assertThat(text.statusCode()).isEqualTo(400);
    assertThat(text.body()).isEqualTo("bad thing");
    assertThat(send("GET", "/bug", null).statusCode()).isEqualTo(500);
  }

  @Test
  void badInput() throws Exception {
    assertThat(send("GET", "/nothing", null).statusCode()).isEqualTo(404);
    assertThat(send("DELETE", "/things/1", null).statusCode()).isEqualTo(405);
    HttpResponse<String> broken = send("POST", "/things", "{\"name\":");
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(broken.body()).contains("Invalid JSON");
    HttpResponse<String> wrongType = send("POST", "/things", "{\"name\":\"a\",\"size\":\"big\"}");
    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(send("POST", "/things", "").body()).contains("empty");
    assertThat(declaringAHugeBody()).startsWith("HTTP/1.1 413 ").contains("larger than " + HttpServer.MAX_BODY_BYTES);
  }

  /**
   * A body over the limit is refused from its declared length, before it is sent (on a raw socket: a client still
   * writing megabytes may see the connection reset before it reads the answer).
   */
  private String declaringAHugeBody() throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("POST /things HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
          + (HttpServer.MAX_BODY_BYTES + 1) + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      byte[] answer = new byte[4096];
      int n = s.getInputStream().read(answer);
      return new String(answer, 0, Math.max(n, 0), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }
}

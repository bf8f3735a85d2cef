package io.berth.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request filter of {@link HttpServer}, and {@link AuthorizedHttpClient} sending tokens through it. */
class RequestFilterTest {
  final AtomicReference<RequestHead> seen = new AtomicReference<>();
  HttpServer server;

  @BeforeEach
  void start() {
    RequestFilter filter = head -> {
      seen.set(head);
      return head.path().equals("/open") || head.header("authorization").orElse("").equals("token=good") ? Optional.empty()
          : Optional.of(new Response.JsonBody(401, Map.of("message", "no"), Map.of("WWW-Authenticate", "acsjwt")));
    };
    server = HttpServer.start("127.0.0.1", 0, List.of(Routes.builder(ErrorRenderer.json())
        .get("/open", req -> Response.text(200, "open"))
        .post("/guarded/{id}", req -> Response.ok(Map.of("id", req.pathParam("id"), "body", new String(req.body()))))
        .build()), filter);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aRefusedRequestGetsTheFiltersAnswerAndNeverReachesItsHandler() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/guarded/a%20b?x=1"))
        .POST(HttpRequest.BodyPublishers.ofString("payload")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("acsjwt");
    assertThat(refused.body()).contains("no").doesNotContain("payload");
    assertThat(seen.get().method()).isEqualTo("POST");
    assertThat(seen.get().path()).isEqualTo("/guarded/a b");
    assertThat(seen.get().rawPath()).isEqualTo("/guarded/a%20b");
    assertThat(seen.get().rawQuery()).isEqualTo("x=1");
    assertThat(client.send(HttpRequest.newBuilder(URI.create(server.url() + "/open")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }

  @Test
  void theAuthorizedClientSendsItsTokenUnlessTheRequestHasOne() throws Exception {
    AtomicReference<String> token = new AtomicReference<>();
    HttpClient client = new AuthorizedHttpClient(HttpClient.newHttpClient(), token::get);
    HttpRequest post = HttpRequest.newBuilder(URI.create(server.url() + "/guarded/x"))
        .POST(HttpRequest.BodyPublishers.ofString("payload")).build();
    assertThat(client.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    token.set("good");
    HttpResponse<String> ok = client.send(post, HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("payload");
    assertThat(client.sendAsync(post, HttpResponse.BodyHandlers.ofString()).get().statusCode()).isEqualTo(200);
    HttpRequest own = HttpRequest.newBuilder(URI.create(server.url() + "/guarded/x")).header("Authorization", "token=other")
        .POST(HttpRequest.BodyPublishers.noBody()).build();
    assertThat(client.send(own, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    assertThat(seen.get().header("authorization")).hasValue("token=other");
  }
}

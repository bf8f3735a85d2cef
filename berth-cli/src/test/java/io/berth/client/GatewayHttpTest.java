package io.berth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.common.error.BerthException;
import io.berth.http.ErrorRenderer;
import io.berth.http.HttpServer;
import io.berth.http.Response;
import io.berth.http.Routes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests through the gateway: the token header, JSON, errors, and GETs repeated while a master changes terms. */
class GatewayHttpTest {
  private HttpServer server;
  private final AtomicInteger gets = new AtomicInteger();
  private final AtomicInteger posts = new AtomicInteger();

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private GatewayHttp gateway(int failFirst) {
    server = HttpServer.start("127.0.0.1", 0, List.of(Routes.builder(ErrorRenderer.json())
        .get("/echo", r -> gets.incrementAndGet() <= failFirst ? Response.redirect(307, "http://elsewhere/echo")
            : Response.ok(Map.of("authorization", r.header("authorization").orElse(""))))
        .post("/echo", r -> {
          posts.incrementAndGet();
          throw BerthException.unavailable("No leading master is elected yet");
        })
        .get("/missing", r -> {
          throw BerthException.notFound("App '/x' does not exist");
        })
        .build()));
    return GatewayHttp.connect(server.url(), null, "t0k3n", Duration.ofSeconds(5));
  }

  @Test
  void theTokenTravelsAsDcosDoesAndAnswersAreJson() {
    GatewayHttp gateway = gateway(0);
    assertThat(gateway.get("/echo").path("authorization").asText()).isEqualTo("token=t0k3n");
    assertThat(gateway.withToken(null).get("/echo").path("authorization").asText()).isEmpty();
  }

  @Test
  void aGetMeetingAMasterBetweenTermsIsRepeatedAWriteIsNot() {
    GatewayHttp gateway = gateway(2);
    assertThat(gateway.get("/echo").path("authorization").asText()).isEqualTo("token=t0k3n");
    assertThat(gets.get()).isEqualTo(3);
    assertThatThrownBy(() -> gateway.send("POST", "/echo", Map.of()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
    assertThat(posts.get()).isEqualTo(1);
  }

  @Test
  void errorAnswersKeepTheirStatusAndBody() {
    assertThatThrownBy(() -> gateway(0).get("/missing")).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.status()).isEqualTo(404);
      assertThat(e.body()).contains("App '/x' does not exist");
    });
  }

  @Test
  void pathsAndQueriesAreEncoded() {
    assertThat(MarathonClient.path("/shop/back end/db")).isEqualTo("shop/back%20end/db");
    assertThat(GatewayHttp.encode("a/b c")).isEqualTo("a%2Fb%20c");
    assertThat(GatewayHttp.query("host", java.util.Optional.of("10.0.0.1"))).isEqualTo("?host=10.0.0.1");
    assertThat(GatewayHttp.query("host", java.util.Optional.empty())).isEmpty();
  }
}

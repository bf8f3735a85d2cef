package io.berth.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.http.ErrorRenderer;
import io.berth.http.HttpServer;
import io.berth.http.ProxyDecision;
import io.berth.http.RequestHead;
import io.berth.http.Response;
import io.berth.http.Routes;
import io.berth.iam.IamCommands;
import io.berth.iam.IamService;
import io.berth.iam.TokenKeys;
import io.berth.iam.TokenSigner;
import io.berth.state.iam.IamUser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The internal ports' authentication, with it switched on: the filter, the masters' own token, the gateway's upstream token. */
class InternalAuthTest {
  GatewayFixture gw;
  HttpServer internal;

  @BeforeEach
  void start() {
    gw = new GatewayFixture(new GatewayConfig("127.0.0.1", 0, -1, true, false, Duration.ofMinutes(1), 61001));
    internal = HttpServer.start("127.0.0.1", 0, List.of(Routes.builder(ErrorRenderer.json())
        .get("/master/health", req -> Response.text(200, "ok"))
        .post("/berth/v1/tasks", req -> Response.ok(Map.of("launched", true)))
        .get("/acs/api/v1/auth/jwks", req -> Response.text(200, "keys"))
        .post("/internal/agents/register", req -> Response.ok(Map.of("registered", true)))
        .build()), InternalAuth.master(gw.iam::verifier, Policy.of(gw.iam::image), gw.clock));
  }

  @AfterEach
  void stop() {
    internal.close();
    gw.close();
  }

  HttpResponse<String> call(String method, String path, String authorization, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(internal.url() + path)).method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return gw.client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void nothingThatLaunchesATaskIsReachableWithoutATokenOfAnExistingUser() throws Exception {
    HttpResponse<String> anonymous = call("POST", "/berth/v1/tasks", null, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("acsjwt");
    assertThat(anonymous.body()).contains("ERR_MISSING_AUTH").doesNotContain("launched");
    String token = gw.login("bootstrapuser", "bootstrap-pw");
    assertThat(call("POST", "/berth/v1/tasks", "token=" + token, null).statusCode()).isEqualTo(200);
    assertThat(call("POST", "/berth/v1/tasks", "Bearer " + token, null).statusCode()).isEqualTo(200);
    assertThat(call("POST", "/berth/v1/tasks", null, "dcos-acs-auth-cookie=" + token).statusCode()).isEqualTo(200);
    assertThat(call("POST", "/berth/v1/tasks", "token=" + token.substring(0, token.length() - 3) + "abc", null).statusCode())
        .isEqualTo(401);
    String foreign = new TokenSigner(TokenKeys.generate("x"), Duration.ofHours(1)).issue("bootstrapuser", gw.clock.instant());
    assertThat(call("POST", "/berth/v1/tasks", "token=" + foreign, null).statusCode()).isEqualTo(401);

    String hash = gw.iam.hasher().hash("carol-pw");
    gw.iam.write(i -> IamCommands.createUser(i, new IamUser("carol", "", hash, null, null, null)));
    String carol = gw.login("carol", "carol-pw");
    assertThat(call("POST", "/berth/v1/tasks", "token=" + carol, null).statusCode()).isEqualTo(200);
    gw.iam.write(i -> IamCommands.deleteUser(i, "carol"));
    assertThat(call("POST", "/berth/v1/tasks", "token=" + carol, null).statusCode()).isEqualTo(401);
    gw.clock.advance(Duration.ofDays(6));
    assertThat(call("POST", "/berth/v1/tasks", "token=" + token, null).statusCode()).isEqualTo(401);
  }

  @Test
  void onlyTheAgentsAccountUsesTheMastersPlumbingAndOnlyTheMastersTheAgents() throws Exception {
    String superuser = gw.login("bootstrapuser", "bootstrap-pw");
    HttpResponse<String> refused = call("POST", "/internal/agents/register", "token=" + superuser, null);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("ERR_FORBIDDEN").doesNotContain("registered");
    assertThat(call("POST", "/internal/agents/register", null, null).statusCode()).isEqualTo(401);
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("agent-secret");
    io.berth.iam.ServiceAccountSecret secret = io.berth.iam.ServiceAccountSecret.readOrCreate(dir.resolve("s"),
        InternalAuth.AGENT_UID, null);
    gw.iam.ensureServiceAccounts(List.of(new IamService.ServiceAccount(secret.uid(), secret.publicKeyPem(), "agents")));
    String agent = gw.iam.signer().orElseThrow().issue(InternalAuth.AGENT_UID, gw.clock.instant());
    gw.iam.ensureServiceAccounts(List.of(new IamService.ServiceAccount(InternalAuth.MASTER_UID, io.berth.iam.TokenKeys.toPem(
        io.berth.iam.TokenKeys.publicKey(gw.iam.image().signingKey())), "the masters")));
    assertThat(call("POST", "/internal/agents/register", "token=" + agent, null).statusCode()).isEqualTo(200);

    try (HttpServer agentApi = HttpServer.start("127.0.0.1", 0, List.of(Routes.builder(ErrorRenderer.json())
        .post("/internal/tasks", req -> Response.ok(Map.of("launched", true)))
        .get("/slave(1)/state", req -> Response.ok(Map.of("id", "a1"))).build()), InternalAuth.agent(gw.iam::verifier, Policy.of(gw.iam::image), gw.clock))) {
      String masters = InternalAuth.masterToken(gw.iam).get();
      java.util.function.BiFunction<String, String, Integer> post = (path, token) -> {
        try {
          return gw.client.send(HttpRequest.newBuilder(URI.create(agentApi.url() + path)).header("Authorization", "token=" + token)
              .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      };
      assertThat(post.apply("/internal/tasks", superuser)).isEqualTo(403);
      assertThat(post.apply("/internal/tasks", agent)).isEqualTo(403);
      assertThat(post.apply("/internal/tasks", masters)).isEqualTo(200);
      assertThat(gw.client.send(HttpRequest.newBuilder(URI.create(agentApi.url() + "/slave(1)/state"))
          .header("Authorization", "token=" + superuser).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void healthTheLoginAndTheKeysStayOpen() throws Exception {
    assertThat(call("GET", "/master/health", null, null).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/acs/api/v1/auth/jwks", null, null).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/master/health/../state", null, null).statusCode()).isIn(400, 401, 404);
  }

  @Test
  void theMastersSignTheirOwnTokenAndRenewItBeforeItExpires() throws Exception {
    Supplier<String> own = InternalAuth.masterToken(gw.iam);
    String token = own.get();
    assertThat(gw.iam.verifier().orElseThrow().verify(token, gw.clock.instant()).uid()).isEqualTo(InternalAuth.MASTER_UID);
    assertThat(call("POST", "/berth/v1/tasks", "token=" + token, null).statusCode()).isEqualTo(401); // no account yet
    gw.iam.ensureServiceAccounts(List.of(new IamService.ServiceAccount(InternalAuth.MASTER_UID,
        TokenKeys.toPem(TokenKeys.publicKey(gw.iam.image().signingKey())), "masters")));
    assertThat(call("POST", "/berth/v1/tasks", "token=" + token, null).statusCode()).isEqualTo(200);
    gw.clock.advance(Duration.ofDays(4));
    assertThat(own.get()).isSameAs(token);
    gw.clock.advance(Duration.ofHours(23));
    String renewed = own.get();
    assertThat(renewed).isNotEqualTo(token);
    assertThat(call("POST", "/berth/v1/tasks", "token=" + renewed, null).statusCode()).isEqualTo(200);
  }

  @Test
  void withoutAuthenticationAtTheGatewayItsUpstreamsGetTheGatewaysOwnToken() {
    GatewayConfig insecure = new GatewayConfig("127.0.0.1", 0, -1, false, true, Duration.ofMinutes(1), 61001);
    GatewayRouter router = new GatewayRouter(new GatewayRouter.Parts(insecure, false, () -> gw.image, gw.iam::verifier,
        Policy.of(gw.iam::image), new Components(Map.of(Component.MESOS, new Components.Endpoint("http://127.0.0.1:5050", null)),
        gw.clock, () -> "own-token"), null, null, () -> -1, gw.clock), gw.clock);
    RequestHead head = new RequestHead("GET", "/mesos/master/state", "/mesos/master/state", null, Map.of(), "127.0.0.1", false);
    ProxyDecision.Forward forward = (ProxyDecision.Forward) router.route(head);
    assertThat(forward.target()).isEqualTo(URI.create("http://127.0.0.1:5050/master/state"));
    assertThat(forward.setHeaders()).containsEntry("Authorization", "token=own-token");

    GatewayRouter secure = new GatewayRouter(new GatewayRouter.Parts(new GatewayConfig("127.0.0.1", 0, -1, false, false,
        Duration.ofMinutes(1), 61001), false, () -> gw.image, gw.iam::verifier, Policy.of(gw.iam::image),
        new Components(Map.of(Component.MESOS, new Components.Endpoint("http://127.0.0.1:5050", null)), gw.clock,
        () -> "own-token"), null, null, () -> -1, gw.clock), gw.clock);
    String user = gw.iam.signer().orElseThrow().issue("bootstrapuser", gw.clock.instant());
    ProxyDecision.Forward asUser = (ProxyDecision.Forward) secure.route(new RequestHead("GET", "/mesos/master/state",
        "/mesos/master/state", null, Map.of("authorization", List.of("token=" + user)), "127.0.0.1", false));
    assertThat(asUser.setHeaders()).doesNotContainKey("Authorization");
  }
}

package io.berth.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.api.cluster.AgentInfo;
import io.berth.api.cluster.Resources;
import io.berth.common.id.IdGenerator;
import io.berth.common.json.Json;
import io.berth.http.HttpServer;
import io.berth.iam.TokenKeys;
import io.berth.iam.TokenSigner;
import io.berth.state.record.AgentRecord;
import io.berth.testkit.FreePorts;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An agent's gateway between the masters' gateway and the agent's API: it reads the cluster's key from the master's
 * API port, accepts only valid tokens of the cluster, serves only its own agent's API, and the masters' gateway sends
 * {@code /agent/<id>/...} through it.
 */
class AgentGatewayTest {
  final int agentGatewayPort = FreePorts.next();
  GatewayFixture master;
  HttpServer masterApi;
  AgentGateway agentGateway;
  ClusterKeys keys;
  volatile String agentId = "agent-1";

  @BeforeEach
  void start() {
    master = new GatewayFixture(new GatewayConfig("127.0.0.1", 0, -1, true, false, Duration.ofMinutes(1), agentGatewayPort));
    // the fixture's backend stands for the agent's API too; the image knows the agent at 127.0.0.1
    master.image = master.image.apply(master.image.offset() + 1, List.of(new AgentRecord.Registered(new AgentInfo(
        "agent-1", "localhost", "127.0.0.1", URI.create(master.backend.url()).getPort(), Resources.NONE, Map.of(), null, "0.1.0"),
        master.clock.instant())));
    io.berth.iam.AuthApi auth = new io.berth.iam.AuthApi(master.iam);
    masterApi = HttpServer.start("127.0.0.1", 0, List.of(auth.loginRoutes(), new io.berth.iam.IamApi(master.iam, auth)
        .authorizerRoutes()));
    keys = new ClusterKeys(() -> Optional.of(masterApi.url())).start();
    agentGateway = new AgentGateway(new GatewayConfig("127.0.0.1", agentGatewayPort, -1, false, false, Duration.ofMinutes(1), -1),
        master.backend.url(), () -> agentId, keys, new RemotePolicy(() -> Optional.of(masterApi.url()), () -> null, master.clock),
        () -> null, master.clock, master.clock, IdGenerator.sequential("agent-req"))
        .start();
  }

  @AfterEach
  void stop() {
    agentGateway.close();
    keys.close();
    masterApi.close();
    master.close();
  }

  HttpResponse<String> direct(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(agentGateway.url() + path));
    if (token != null) {
      b.header("Authorization", "token=" + token);
    }
    return master.client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  String token() throws Exception {
    return master.login("bootstrapuser", "bootstrap-pw");
  }

  @Test
  void theMastersGatewayReachesTheAgentsApiThroughTheAgentsGateway() throws Exception {
    String token = token();
    await("the agent's gateway to know the cluster's key").atMost(Duration.ofSeconds(20))
        .until(() -> direct("/agent/agent-1/slave(1)/state", token).statusCode() == 200);
    HttpResponse<String> viaMaster = master.send("GET", "/agent/agent-1/slave(1)/state?x=1", token, null);
    assertThat(viaMaster.statusCode()).isEqualTo(200);
    JsonNode seen = Json.tree(viaMaster.body().getBytes());
    assertThat(seen.path("path").asText()).isEqualTo("/slave(1)/state");
    assertThat(seen.path("auth").asText()).isEqualTo("token=" + token);
    assertThat(master.send("GET", "/slave/agent-1/slave(1)/state", token, null).statusCode()).isEqualTo(200);
    assertThat(master.send("GET", "/agent/agent-1/slave(1)/state", null, null).statusCode()).isEqualTo(401);
    assertThat(master.send("GET", "/system/v1/agent/agent-1/logs/v1/range/", token, null).statusCode()).isEqualTo(503);
  }

  @Test
  void theAgentsGatewayWantsATokenOfThisClusterAndServesOnlyItsOwnAgent() throws Exception {
    String token = token();
    await().atMost(Duration.ofSeconds(20)).until(() -> direct("/agent/agent-1/x", token).statusCode() == 200);
    HttpResponse<String> anonymous = direct("/agent/agent-1/slave(1)/state", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("acsjwt");
    String foreign = new TokenSigner(TokenKeys.generate("other"), Duration.ofHours(1)).issue("bootstrapuser", master.clock.instant());
    assertThat(direct("/agent/agent-1/slave(1)/state", foreign).statusCode()).isEqualTo(401);
    assertThat(direct("/agent/agent-2/slave(1)/state", token).statusCode()).isEqualTo(404);
    assertThat(direct("/agent/agent-1/internal/tasks", token).statusCode()).isEqualTo(404);
    assertThat(master.send("POST", "/agent/agent-1/internal/tasks", token, Map.of()).statusCode()).isEqualTo(404);
    assertThat(direct("/system/v1/logs/v1/range/", token).statusCode()).isEqualTo(503);
    assertThat(direct("/mesos/master/state", token).statusCode()).isEqualTo(404);
    assertThat(direct("/health", null).statusCode()).isEqualTo(200);
    assertThat(direct("/dcos-metadata/dcos-version.json", null).statusCode()).isEqualTo(200);
    agentId = null;
    assertThat(direct("/agent/agent-1/slave(1)/state", token).statusCode()).isEqualTo(404);
  }

  @Test
  void anAnswerUsedLateInItsTimeIsAskedAgainInTheBackground() throws Exception {
    String admin = token();
    await().atMost(Duration.ofSeconds(20)).until(() -> direct("/agent/agent-1/x", admin).statusCode() == 200);
    assertThat(master.send("PUT", "/acs/api/v1/users/dave", admin, Map.of("password", "dave-pw")).statusCode()).isEqualTo(201);
    String dave = master.login("dave", "dave-pw");
    assertThat(direct("/agent/agent-1/slave(1)/state", dave).statusCode()).isEqualTo(403);
    assertThat(master.send("PUT", "/acs/api/v1/acls/dcos:adminrouter:ops:slave", admin, Map.of()).statusCode()).isEqualTo(201);
    assertThat(master.send("PUT", "/acs/api/v1/acls/dcos:adminrouter:ops:slave/users/dave/full", admin, null).statusCode())
        .isEqualTo(204);

    master.clock.advance(RemotePolicy.KEEP_FOR.multipliedBy(3).dividedBy(4));
    assertThat(direct("/agent/agent-1/slave(1)/state", dave).statusCode()).as("the kept answer, still in its time")
        .isEqualTo(403);
    await("asked again meanwhile, with no more time passing").atMost(Duration.ofSeconds(10))
        .until(() -> direct("/agent/agent-1/slave(1)/state", dave).statusCode() == 200);
  }

  @Test
  void theAgentsGatewayChecksPermissionsWithTheMastersIam() throws Exception {
    String admin = token();
    await().atMost(Duration.ofSeconds(20)).until(() -> direct("/agent/agent-1/x", admin).statusCode() == 200);
    assertThat(master.send("PUT", "/acs/api/v1/users/carol", admin, Map.of("password", "carol-pw")).statusCode()).isEqualTo(201);
    String carol = master.login("carol", "carol-pw");
    HttpResponse<String> refused = direct("/agent/agent-1/slave(1)/state", carol);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("dcos:adminrouter:ops:slave");
    assertThat(direct("/system/v1/logs/v1/range/", carol).statusCode()).isEqualTo(403);

    assertThat(master.send("PUT", "/acs/api/v1/acls/dcos:adminrouter:ops:slave", admin, Map.of()).statusCode()).isEqualTo(201);
    assertThat(master.send("PUT", "/acs/api/v1/acls/dcos:adminrouter:ops:slave/users/carol/full", admin, null).statusCode())
        .isEqualTo(204);
    assertThat(direct("/agent/agent-1/slave(1)/state", carol).statusCode()).as("the refusal is kept a while").isEqualTo(403);
    master.clock.advance(RemotePolicy.KEEP_FOR.plusSeconds(1));
    assertThat(direct("/agent/agent-1/slave(1)/state", carol).statusCode()).isEqualTo(200);
    assertThat(direct("/system/v1/logs/v1/range/", carol).statusCode()).as("only the granted route").isEqualTo(403);

    assertThat(master.send("DELETE", "/acs/api/v1/users/carol", admin, null).statusCode()).isEqualTo(204);
    master.clock.advance(RemotePolicy.KEEP_FOR.plusSeconds(1));
    assertThat(direct("/agent/agent-1/slave(1)/state", carol).statusCode()).as("a deleted user").isEqualTo(401);
    master.iam.ensureServiceAccounts(List.of(new io.berth.iam.IamService.ServiceAccount(InternalAuth.MASTER_UID, io.berth.iam.TokenKeys.toPem(
        io.berth.iam.TokenKeys.publicKey(master.iam.image().signingKey())), "the masters")));
    assertThat(direct("/agent/agent-1/slave(1)/state", InternalAuth.masterToken(master.iam).get()).statusCode())
        .as("the masters' own token").isEqualTo(200);
    assertThat(master.send("GET", "/acs/api/v1/internal/policyquery?rid=dcos:superuser&uid=carol", admin, null).statusCode())
        .as("the policy query is not exposed by the gateway").isEqualTo(404);
  }

  @Test
  void withoutTheClusterKeyNothingGuardedPasses() throws Exception {
    String token = token();
    try (ClusterKeys none = new ClusterKeys(Optional::empty).start();
        AgentGateway lost = new AgentGateway(new GatewayConfig("127.0.0.1", 0, -1, false, false, Duration.ofMinutes(1), -1),
            master.backend.url(), () -> "agent-1", none, new RemotePolicy(Optional::empty, () -> null, master.clock), () -> null,
            master.clock, master.clock, IdGenerator.sequential("x"))
            .start()) {
      HttpResponse<String> r = master.client.send(HttpRequest.newBuilder(URI.create(lost.url() + "/agent/agent-1/x"))
          .header("Authorization", "token=" + token).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void aRequestThatFindsNoKeyYetReadsItAtOnce() {
    // not started: no background thread, so only the request's own read can know the key
    try (ClusterKeys fresh = new ClusterKeys(() -> Optional.of(masterApi.url()))) {
      assertThat(fresh.verifier()).isEmpty();
      assertThat(fresh.verifierNow()).isPresent();
      assertThat(fresh.verifier()).isPresent();
    }
    try (ClusterKeys none = new ClusterKeys(Optional::empty)) {
      assertThat(none.verifierNow()).isEmpty();
    }
  }
}

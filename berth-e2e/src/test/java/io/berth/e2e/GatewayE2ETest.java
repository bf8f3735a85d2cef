package io.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.json.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import mesosphere.marathon.client.Marathon;
import mesosphere.marathon.client.MarathonClient;
import mesosphere.marathon.client.MarathonException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth up} is secure by default: the gateway serves HTTPS with a certificate of the cluster CA, the superuser's
 * credentials are in a 0600 file, anonymous calls get 401, permissions are enforced, and real clients (curl, openssl,
 * the marathon-client library) work through it with a token.
 */
class GatewayE2ETest {
  @TempDir
  static Path tmp;
  static BerthUp cluster;
  static String gateway;
  static Path ca;
  static String token;

  @BeforeAll
  static void up() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "runc containers need root");
    cluster = new BerthUp(tmp.resolve("cluster"), 1, "runc").start();
    gateway = cluster.cluster().path("gateway").asText();
    ca = Path.of(cluster.cluster().path("caCertificate").asText());
    token = Json.tree(curl("-f", "--cacert", ca.toString(), gateway + "/acs/api/v1/auth/login",
        "-H", "Content-Type: application/json", "-d", "@" + cluster.dir.resolve("admin-credentials")).getBytes())
        .path("token").asText();
  }

  @AfterAll
  static void down() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  static String curl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("curl", "-s", "--max-time", "10"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  static int status(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("-o", "/dev/null", "-w", "%{http_code}", "--cacert", ca.toString()));
    all.addAll(List.of(args));
    return Integer.parseInt(curl(all.toArray(String[]::new)).strip());
  }

  @Test
  void theClusterFileNamesTheGatewayAndTheCredentialsAreOwnerOnly() throws Exception {
    JsonNode file = cluster.cluster();
    assertThat(gateway).isEqualTo("https://127.0.0.1:" + cluster.gatewayTlsPort);
    assertThat(file.path("master").asText()).isEqualTo(gateway + "/mesos");
    assertThat(file.path("direct").path("master").asText()).isEqualTo("http://127.0.0.1:" + cluster.masterPort);
    // the cluster's URLs are the gateway's routes, and each answers a token with its component's API
    String auth = "Authorization: token=" + token;
    assertThat(Json.tree(curl("-f", "--cacert", ca.toString(), "-H", auth, file.path("master").asText() + "/master/state")
        .getBytes()).path("slaves")).hasSize(1);
    await("Marathon and Metronome through the cluster's URLs").atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
        Json.tree(curl("-f", "--cacert", ca.toString(), "-H", auth, file.path("marathon").asText() + "/v2/info").getBytes())
            .path("name").asText().equals("marathon")
        && Json.tree(curl("-f", "--cacert", ca.toString(), "-H", auth, file.path("metronome").asText() + "/v1/jobs").getBytes())
            .isArray());
    assertThat(status(file.path("marathon").asText() + "/v2/apps")).isEqualTo(401);
    Path credentials = cluster.dir.resolve("admin-credentials");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
    JsonNode admin = Json.tree(Files.readAllBytes(credentials));
    assertThat(admin.path("uid").asText()).isEqualTo("bootstrapuser");
    assertThat(admin.path("password").asText()).hasSizeGreaterThan(15);
    assertThat(Files.readString(tmp.resolve("cluster").resolve("up.out"))).contains("Log in as the superuser 'bootstrapuser'");
  }

  @Test
  void curlOverHttpsWithTheBundleAndATokenAnonymousIsTurnedAway() throws Exception {
    assertThat(token).isNotBlank();
    JsonNode state = Json.tree(curl("-f", "--cacert", ca.toString(), "-H", "Authorization: token=" + token,
        gateway + "/mesos/master/state").getBytes());
    assertThat(state.path("slaves")).hasSize(1);
    assertThat(status(gateway + "/mesos/master/state")).isEqualTo(401);
    assertThat(status("-H", "Authorization: token=not.a.jwt", gateway + "/mesos/master/state")).isEqualTo(401);
    assertThat(status(gateway + "/package/list", "-H", "Authorization: token=" + token)).isEqualTo(503);
    assertThat(status(gateway + "/health")).isEqualTo(200);
    String redirect = curl("-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", "http://127.0.0.1:" + cluster.gatewayPort
        + "/mesos/master/state");
    assertThat(redirect).isEqualTo("307 " + gateway + "/mesos/master/state");
  }

  @Test
  void theGatewayCertificateVerifiesAgainstTheBundle() throws Exception {
    Process s = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + cluster.gatewayTlsPort, "-showcerts")
        .redirectErrorStream(true).start();
    s.getOutputStream().close();
    String out = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    s.waitFor();
    String leaf = out.substring(out.indexOf("-----BEGIN CERTIFICATE-----"), out.indexOf("-----END CERTIFICATE-----") + 25);
    Path pem = tmp.resolve("gateway.pem");
    Files.writeString(pem, leaf + "\n");
    Process verify = new ProcessBuilder("openssl", "verify", "-CAfile", ca.toString(), pem.toString()).redirectErrorStream(true).start();
    String result = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(verify.waitFor()).as(result).isZero();
    assertThat(result).contains(": OK");
  }

  @Test
  void permissionsAreEnforcedForANewUser() throws Exception {
    String auth = "Authorization: token=" + token;
    assertThat(status("-X", "PUT", "-H", auth, "-H", "Content-Type: application/json", "-d", "{\"password\":\"alice-pw\"}",
        gateway + "/acs/api/v1/users/alice")).isEqualTo(201);
    String alice = Json.tree(curl("--cacert", ca.toString(), "-H", "Content-Type: application/json",
        "-d", "{\"uid\":\"alice\",\"password\":\"alice-pw\"}", gateway + "/acs/api/v1/auth/login").getBytes()).path("token").asText();
    String forbidden = curl("--cacert", ca.toString(), "-H", "Authorization: token=" + alice, gateway + "/mesos/master/state");
    assertThat(forbidden).contains("dcos:adminrouter:ops:mesos");
    assertThat(status("-H", "Authorization: token=" + alice, gateway + "/mesos/master/state")).isEqualTo(403);
    assertThat(status("-X", "PUT", "-H", auth, gateway + "/acs/api/v1/acls/dcos:adminrouter:ops:mesos")).isEqualTo(201);
    assertThat(status("-X", "PUT", "-H", auth, gateway + "/acs/api/v1/acls/dcos:adminrouter:ops:mesos/users/alice/full"))
        .isEqualTo(204);
    assertThat(status("-H", "Authorization: token=" + alice, gateway + "/mesos/master/state")).isEqualTo(200);

    // an agent's own gateway asks the masters' IAM too: alice cannot go around the masters' gateway
    JsonNode agent = cluster.cluster().path("agents").get(0);
    String agentState = agent.path("gateway").asText() + "/agent/" + agent.path("id").asText() + "/slave(1)/state";
    assertThat(status("-H", "Authorization: token=" + alice, agentState)).isEqualTo(403);
    assertThat(status("-X", "PUT", "-H", auth, gateway + "/acs/api/v1/acls/dcos:adminrouter:ops:slave")).isEqualTo(201);
    assertThat(status("-X", "PUT", "-H", auth, gateway + "/acs/api/v1/acls/dcos:adminrouter:ops:slave/users/alice/full"))
        .isEqualTo(204);
    org.awaitility.Awaitility.await("the agent's gateway to see alice's new permission").atMost(Duration.ofSeconds(15))
        .until(() -> status("-H", "Authorization: token=" + alice, agentState) == 200);
  }

  @Test
  void theAgentApiIsReachedThroughTheAgentsGateway() throws Exception {
    JsonNode agent = cluster.cluster().path("agents").get(0);
    String id = agent.path("id").asText();
    String agentGateway = agent.path("gateway").asText();
    assertThat(agentGateway).isEqualTo("http://127.0.0.2:" + cluster.agentGatewayPort);
    String auth = "Authorization: token=" + token;
    JsonNode state = Json.tree(curl("-f", "--cacert", ca.toString(), "-H", auth, gateway + "/agent/" + id + "/slave(1)/state")
        .getBytes());
    assertThat(state.path("id").asText()).isEqualTo(id);
    assertThat(status(gateway + "/agent/" + id + "/slave(1)/state")).isEqualTo(401);
    assertThat(status("-H", auth, gateway + "/agent/no-such-agent/slave(1)/state")).isEqualTo(404);
    assertThat(status("-H", auth, gateway + "/system/v1/agent/" + id + "/logs/v1/range/")).isEqualTo(200);
    assertThat(status("-H", auth, gateway + "/system/v1/agent/" + id + "/metrics/v0/ping")).isEqualTo(503);
    // the agent's gateway itself: the cluster's tokens only, and only its own agent
    assertThat(status(agentGateway + "/agent/" + id + "/slave(1)/state")).isEqualTo(401);
    assertThat(status("-H", "Authorization: token=not.a.jwt", agentGateway + "/agent/" + id + "/slave(1)/state")).isEqualTo(401);
    assertThat(status("-H", auth, agentGateway + "/agent/" + id + "/slave(1)/state")).isEqualTo(200);
    assertThat(status("-H", auth, agentGateway + "/agent/another/slave(1)/state")).isEqualTo(404);
    assertThat(status(agentGateway + "/dcos-metadata/dcos-version.json")).isEqualTo(200);
  }

  @Test
  void theMarathonClientLibraryWorksThroughTheGatewayWithAToken() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("berth", CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(ca))));
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, factory.getTrustManagers(), null);
    HttpsURLConnection.setDefaultSSLSocketFactory(tls.getSocketFactory());

    Marathon marathon = MarathonClient.getInstanceWithTokenAuth(gateway + "/marathon", token);
    assertThat(marathon.getApps().getApps()).isNotNull();
    Marathon anonymous = MarathonClient.getInstance(gateway + "/marathon");
    assertThatThrownBy(anonymous::getApps).isInstanceOfSatisfying(MarathonException.class,
        e -> assertThat(e.getStatus()).isEqualTo(401));
  }
}

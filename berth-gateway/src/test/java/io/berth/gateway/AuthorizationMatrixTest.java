package io.berth.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.iam.Attacks;
import io.berth.iam.TokenKeys;
import io.berth.state.iam.SigningKey;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every guarded route × (anonymous, user without the permission, user with it, superuser, service account with it)
 * through the real proxy: 401, 403 naming the permission, and the route's own answer.
 */
class AuthorizationMatrixTest {
  /** A route, the permission it needs (null: any authenticated caller) and its status once allowed. */
  record Case(String method, String path, String rid, int allowed) {}

  static final List<Case> CASES = List.of(
      new Case("GET", "/mesos/master/state", "dcos:adminrouter:ops:mesos", 200),
      new Case("GET", "/marathon/v2/apps", "dcos:adminrouter:service:marathon", 200),
      new Case("GET", "/service/marathon/v2/apps", "dcos:adminrouter:service:marathon", 200),
      new Case("GET", "/metronome/v1/jobs", "dcos:adminrouter:service:metronome", 200),
      new Case("GET", "/acs/api/v1/users", "dcos:adminrouter:acs", 200),
      new Case("POST", "/ca/api/v2/info", null, 200),
      new Case("POST", "/ca/api/v2/certificates", "dcos:adminrouter:ops:ca:ro", 200),
      new Case("GET", "/metadata", "dcos:adminrouter:ops:metadata", 200),
      new Case("GET", "/package/list", "dcos:adminrouter:package", 503),
      new Case("GET", "/system/health/v1", "dcos:adminrouter:ops:system-health", 503),
      new Case("GET", "/system/v1/logs/v1/range/", "dcos:adminrouter:ops:system-logs", 503),
      new Case("GET", "/system/v1/metrics/v0/node", "dcos:adminrouter:ops:system-metrics", 503),
      new Case("GET", "/mesos_dns/v1/version", "dcos:adminrouter:ops:mesos-dns", 503),
      new Case("GET", "/exhibitor/exhibitor/v1/config", "dcos:adminrouter:ops:exhibitor", 503),
      new Case("GET", "/net/v1/vips", "dcos:adminrouter:ops:networking", 503),
      new Case("GET", "/secrets/v1/secret/default/x", "dcos:adminrouter:secrets", 503),
      new Case("GET", "/agent/unknown-agent/slave(1)/state", "dcos:adminrouter:ops:slave", 404),
      new Case("GET", "/pkgpanda/active/", "dcos:superuser", 503));

  static GatewayFixture gw;
  static String superuser;
  static String nobody;
  static final List<String> permitted = new ArrayList<>();
  static final List<String> services = new ArrayList<>();

  @BeforeAll
  static void setUp() throws Exception {
    gw = new GatewayFixture(new GatewayConfig("127.0.0.1", 0, -1, true, false, Duration.ofMinutes(1), 61001));
    superuser = gw.login("bootstrapuser", "bootstrap-pw");
    create(superuser, "/acs/api/v1/users/nobody", Map.of("password", "nobody-pw"));
    nobody = gw.login("nobody", "nobody-pw");
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    for (int i = 0; i < CASES.size(); i++) {
      String rid = CASES.get(i).rid();
      create(superuser, "/acs/api/v1/users/user-" + i, Map.of("password", "user-pw-" + i));
      KeyPair pair = generator.generateKeyPair();
      create(superuser, "/acs/api/v1/users/svc-" + i, Map.of("public_key", TokenKeys.toPem((RSAPublicKey) pair.getPublic())));
      if (rid != null) {
        String acl = "/acs/api/v1/acls/" + rid.replace("/", "%252F");
        HttpResponse<String> made = gw.send("PUT", acl, superuser, Map.of("description", rid));
        assertThat(made.statusCode()).as(made.body()).isIn(201, 409);
        assertThat(gw.send("PUT", acl + "/users/user-" + i + "/full", superuser, null).statusCode()).isEqualTo(204);
        assertThat(gw.send("PUT", acl + "/users/svc-" + i + "/full", superuser, null).statusCode()).isEqualTo(204);
      }
      permitted.add(gw.login("user-" + i, "user-pw-" + i));
      SigningKey own = new SigningKey("s", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
          Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
      String loginToken = Attacks.sign(own, new com.nimbusds.jwt.JWTClaimsSet.Builder().claim("uid", "svc-" + i)
          .expirationTime(Date.from(gw.clock.instant().plusSeconds(300))).build());
      HttpResponse<String> login = gw.send("POST", "/acs/api/v1/auth/login", null, Map.of("uid", "svc-" + i, "token", loginToken));
      assertThat(login.statusCode()).isEqualTo(200);
      services.add(io.berth.common.json.Json.tree(login.body().getBytes()).path("token").asText());
    }
  }

  static void create(String token, String path, Object body) throws Exception {
    HttpResponse<String> r = gw.send("PUT", path, token, body);
    assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(201);
  }

  @AfterAll
  static void tearDown() {
    gw.close();
  }

  @Test
  void everyRouteForEveryKindOfCaller() throws Exception {
    for (int i = 0; i < CASES.size(); i++) {
      Case c = CASES.get(i);
      HttpResponse<String> anonymous = gw.send(c.method(), c.path(), null, null);
      assertThat(anonymous.statusCode()).as("anonymous " + c).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(c.path()).contains("acsjwt");
      HttpResponse<String> without = gw.send(c.method(), c.path(), nobody, null);
      if (c.rid() == null) {
        assertThat(without.statusCode()).as("any user " + c).isEqualTo(c.allowed());
      } else {
        assertThat(without.statusCode()).as("user without " + c).isEqualTo(403);
        assertThat(without.body()).as(c.path()).contains(c.rid());
      }
      assertThat(gw.send(c.method(), c.path(), permitted.get(i), null).statusCode()).as("user with " + c).isEqualTo(c.allowed());
      assertThat(gw.send(c.method(), c.path(), superuser, null).statusCode()).as("superuser " + c).isEqualTo(c.allowed());
      assertThat(gw.send(c.method(), c.path(), services.get(i), null).statusCode()).as("service account " + c).isEqualTo(c.allowed());
    }
  }

  @Test
  void publicRoutesNeedNoToken() throws Exception {
    for (String path : List.of("/", "/health", "/dcos-metadata/dcos-version.json", "/acs/api/v1/auth/jwks", "/ca/dcos-ca.crt",
        "/dcos-metadata/ui-config.json", "/nginx/metrics")) {
      assertThat(gw.send("GET", path, null, null).statusCode()).as(path).isEqualTo(200);
    }
    assertThat(gw.send("GET", "/marathon", null, null).statusCode()).isEqualTo(307);
    assertThat(gw.send("GET", "/no/such/route", null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void tokenAttacksAreAllRejectedWith401() throws Exception {
    SigningKey other = TokenKeys.generate("other");
    for (Map.Entry<String, String> attack : Attacks.all(gw.image.iam().signingKey(), other, gw.clock.instant()).entrySet()) {
      assertThat(gw.send("GET", "/mesos/master/state", attack.getValue(), null).statusCode()).as(attack.getKey()).isEqualTo(401);
    }
  }

  @Test
  void tokenSourcesFollowAdminRouter() throws Exception {
    var bearer = gw.client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gw.url() + "/mesos/master/state"))
        .header("Authorization", "Bearer " + superuser).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(bearer.statusCode()).isEqualTo(200);
    var cookie = gw.client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gw.url() + "/mesos/master/state"))
        .header("Cookie", "other=1; dcos-acs-auth-cookie=" + superuser).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(cookie.statusCode()).isEqualTo(200);
    assertThat(cookie.body()).contains("\"auth\":\"token=" + superuser + "\"", "\"cookie\":\"other=1\"");
    var badHeaderGoodCookie = gw.client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gw.url() + "/mesos/master/state"))
        .header("Authorization", "token=broken").header("Cookie", "dcos-acs-auth-cookie=" + superuser).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(badHeaderGoodCookie.statusCode()).isEqualTo(401);
  }

  @Test
  void tokensOfDeletedUsersAndExpiredTokensStopWorking() throws Exception {
    create(superuser, "/acs/api/v1/users/temp", Map.of("password", "temp-pw"));
    String temp = gw.login("temp", "temp-pw");
    assertThat(gw.send("POST", "/ca/api/v2/info", temp, null).statusCode()).isEqualTo(200);
    assertThat(gw.send("DELETE", "/acs/api/v1/users/temp", superuser, null).statusCode()).isEqualTo(204);
    assertThat(gw.send("POST", "/ca/api/v2/info", temp, null).statusCode()).isEqualTo(401);
  }
}

package io.berth.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.json.Json;
import io.berth.state.iam.SigningKey;
import io.berth.testkit.TestClock;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IamApiTest {
  final IamHttpFixture api = new IamHttpFixture(5, HttpClient.newHttpClient());
  final TestClock clock = api.clock;
  final ImageWriter state = api.state;
  final IamService iam = api.iam;

  @AfterEach
  void stop() {
    api.close();
  }

  static JsonNode json(HttpResponse<String> r) {
    return Json.tree(r.body().getBytes());
  }

  @Test
  void bootstrapUserLogsInAndGetsAVerifiableTokenAndCookie() throws Exception {
    HttpResponse<String> login = api.call("POST", "/auth/login", java.util.Map.of("uid", "bootstrapuser", "password", "secret-pw"));
    assertThat(login.statusCode()).isEqualTo(200);
    String token = json(login).path("token").asText();
    assertThat(iam.verifier().orElseThrow().verify(token, clock.instant()).uid()).isEqualTo("bootstrapuser");
    assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("dcos-acs-auth-cookie=" + token);
    JsonNode jwks = json(api.call("GET", "/auth/jwks", null));
    assertThat(jwks.path("keys").get(0).path("alg").asText()).isEqualTo("RS256");
    assertThat(jwks.path("keys").get(0).path("kid").asText()).isEqualTo("key-1");
    assertThat(jwks.path("keys").get(0).has("d")).isFalse();

    HttpResponse<String> bad = api.call("POST", "/auth/login", java.util.Map.of("uid", "bootstrapuser", "password", "wrong"));
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(json(bad).path("code").asText()).isEqualTo("ERR_INVALID_CREDENTIALS");
    assertThat(json(bad).path("title").asText()).isEqualTo("Unauthorized");
    assertThat(api.call("POST", "/auth/login", java.util.Map.of("uid", "ghost", "password", "x")).statusCode()).isEqualTo(401);
  }

  @Test
  void policyQueryAnswersForAnyResourceIdAndRejectsBadParameters() throws Exception {
    assertThat(api.call("PUT", "/users/alice", java.util.Map.of("password", "alice-pw")).statusCode()).isEqualTo(201);
    assertThat(api.call("PUT", "/acls/dcos:adminrouter:ops:system-logs", java.util.Map.of()).statusCode()).isEqualTo(201);
    assertThat(api.call("PUT", "/acls/dcos:adminrouter:ops:system-logs/users/alice/full", null).statusCode()).isEqualTo(204);
    String q = "/internal/policyquery?rid=";
    assertThat(json(api.call("GET", q + "dcos:adminrouter:ops:system-logs&uid=alice&action=full", null))
        .path("allowed").asBoolean()).isTrue();
    // no ACL exists for this id: not 404 as for the ACL's own query, but a decision (alice: no; the superuser: yes)
    assertThat(json(api.call("GET", q + "dcos:adminrouter:ops:slave&uid=alice&action=full", null))
        .path("allowed").asBoolean()).isFalse();
    assertThat(json(api.call("GET", q + "dcos:adminrouter:ops:slave&uid=bootstrapuser", null))
        .path("allowed").asBoolean()).isTrue();
    assertThat(json(api.call("GET", q + "dcos:adminrouter:ops:slave&uid=ghost&action=full", null))
        .path("allowed").asBoolean()).isFalse();

    HttpResponse<String> noUid = api.call("GET", q + "dcos:adminrouter:ops:slave", null);
    assertThat(noUid.statusCode()).isEqualTo(400);
    assertThat(json(noUid).path("code").asText()).isEqualTo("ERR_INVALID_DATA");
    assertThat(api.call("GET", "/internal/policyquery?uid=alice", null).statusCode()).isEqualTo(400);
    assertThat(api.call("GET", q + "x:y&uid=alice&action=fly", null).statusCode()).isEqualTo(400);
  }

  @Test
  void failedLoginsAreRateLimitedPerUserAndSource() throws Exception {
    for (int i = 0; i < 20; i++) { // successful logins do not count: automation logging in often is not locked out
      assertThat(api.call("POST", "/auth/login", java.util.Map.of("uid", "bootstrapuser", "password", "secret-pw")).statusCode()).isEqualTo(200);
    }
    for (int i = 0; i < 5; i++) {
      assertThat(api.call("POST", "/auth/login", java.util.Map.of("uid", "bootstrapuser", "password", "wrong")).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> limited = api.call("POST", "/auth/login", java.util.Map.of("uid", "bootstrapuser", "password", "secret-pw"));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(json(limited).path("code").asText()).isEqualTo("ERR_TOO_MANY_LOGIN_ATTEMPTS");
    assertThat(api.call("POST", "/auth/login", java.util.Map.of("uid", "other", "password", "x")).statusCode()).isEqualTo(401);
    clock.advance(Duration.ofMinutes(1));
    assertThat(api.call("POST", "/auth/login", java.util.Map.of("uid", "bootstrapuser", "password", "secret-pw")).statusCode()).isEqualTo(200);
  }

  @Test
  void usersGroupsAndAclsRoundTripInDcosShapes() throws Exception {
    assertThat(api.call("PUT", "/users/alice", java.util.Map.of("password", "alice-pw", "description", "Alice")).statusCode()).isEqualTo(201);
    assertThat(api.call("PUT", "/users/alice", java.util.Map.of("password", "alice-pw")).statusCode()).isEqualTo(409);
    assertThat(api.call("PUT", "/groups/ops", java.util.Map.of("description", "Ops")).statusCode()).isEqualTo(201);
    assertThat(api.call("PUT", "/groups/ops/users/alice", null).statusCode()).isEqualTo(204);
    assertThat(api.call("PUT", "/groups/ops/users/alice", null).statusCode()).isEqualTo(409);
    HttpResponse<String> created = api.call("PUT", "/acls/dcos:service:marathon:marathon:services:%252Fdev", java.util.Map.of("description", "dev"));
    assertThat(created.statusCode() + created.body()).isEqualTo("201");
    assertThat(api.call("PUT", "/acls/dcos:service:marathon:marathon:services:%252Fdev/groups/ops/create", null).statusCode()).isEqualTo(204);
    assertThat(json(api.call("GET", "/acls/dcos:service:marathon:marathon:services:%252Fdev/users/alice/create", null))
        .path("allowed").asBoolean()).isTrue();
    assertThat(json(api.call("GET", "/acls/dcos:service:marathon:marathon:services:%252Fdev/users/alice/delete", null))
        .path("allowed").asBoolean()).isFalse();

    JsonNode users = json(api.call("GET", "/users", null));
    assertThat(users.path("array").findValuesAsText("uid")).containsExactly("bootstrapuser", "alice");
    JsonNode alice = json(api.call("GET", "/users/alice", null));
    assertThat(alice.path("is_service").asBoolean()).isFalse();
    assertThat(alice.path("provider_type").asText()).isEqualTo("internal");
    assertThat(alice.has("password")).isFalse();
    assertThat(json(api.call("GET", "/users/alice/groups", null)).path("array").get(0).path("group").path("gid").asText()).isEqualTo("ops");
    JsonNode perms = json(api.call("GET", "/users/alice/permissions", null));
    assertThat(perms.path("groups").get(0).path("rid").asText()).isEqualTo("dcos:service:marathon:marathon:services:/dev");
    assertThat(json(api.call("GET", "/acls/dcos:service:marathon:marathon:services:%252Fdev/permissions", null))
        .path("groups").get(0).path("gid").asText()).isEqualTo("ops");

    assertThat(api.call("DELETE", "/users/alice", null).statusCode()).isEqualTo(204);
    assertThat(json(api.call("GET", "/groups/ops/users", null)).path("array")).isEmpty();
    assertThat(api.call("GET", "/users/alice", null).statusCode()).isEqualTo(404);
  }

  @Test
  void badInputIsRefusedInIamsErrorShapeAndRecordsNothing() throws Exception {
    long offset = state.image().offset();
    HttpResponse<String> shortPw = api.call("PUT", "/users/bob", java.util.Map.of("password", "abc"));
    assertThat(shortPw.statusCode()).isEqualTo(400);
    assertThat(json(shortPw).path("code").asText()).isEqualTo("ERR_INVALID_DATA");
    assertThat(api.call("PUT", "/users/b%20ad", java.util.Map.of("password", "abcdef")).statusCode()).isEqualTo(400);
    assertThat(api.call("PUT", "/users/bob", "{not json").statusCode()).isEqualTo(400);
    assertThat(api.call("PUT", "/users/bob", java.util.Map.of("public_key", "not a key")).statusCode()).isEqualTo(400);
    assertThat(api.call("PUT", "/acls/dcos:x/users/ghost/full", null).statusCode()).isEqualTo(404);
    assertThat(api.call("PUT", "/acls/dcos:superuser/users/bootstrapuser/fly", null).statusCode()).isEqualTo(400);
    assertThat(json(api.call("GET", "/groups/none", null)).path("code").asText()).isEqualTo("ERR_UNKNOWN_GROUP_ID");
    assertThat(api.call("POST", "/auth/login", java.util.Map.of("uid", "x")).statusCode()).isEqualTo(400);
    assertThat(api.call("GET", "/ldap/config", null).statusCode()).isEqualTo(400);
    assertThat(state.image().offset()).isEqualTo(offset);
  }

  @Test
  void serviceAccountsLogInWithAShortLivedTokenSignedByTheirKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    String pem = TokenKeys.toPem((RSAPublicKey) pair.getPublic());
    assertThat(api.call("PUT", "/users/svc-1", java.util.Map.of("public_key", pem)).statusCode()).isEqualTo(201);
    assertThat(json(api.call("GET", "/users?type=service", null)).path("array").findValuesAsText("uid")).containsExactly("svc-1");
    SigningKey own = new SigningKey("svc", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
        Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
    String loginToken = Attacks.sign(own, new com.nimbusds.jwt.JWTClaimsSet.Builder().claim("uid", "svc-1")
        .expirationTime(Date.from(clock.instant().plusSeconds(300))).build());
    HttpResponse<String> ok = api.call("POST", "/auth/login", java.util.Map.of("uid", "svc-1", "token", loginToken));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(iam.verifier().orElseThrow().verify(json(ok).path("token").asText(), clock.instant()).uid()).isEqualTo("svc-1");

    String longLived = Attacks.sign(own, new com.nimbusds.jwt.JWTClaimsSet.Builder().claim("uid", "svc-1")
        .expirationTime(Date.from(clock.instant().plusSeconds(3600))).build());
    assertThat(api.call("POST", "/auth/login", java.util.Map.of("uid", "svc-1", "token", longLived)).statusCode()).isEqualTo(401);
    String forOther = Attacks.sign(own, new com.nimbusds.jwt.JWTClaimsSet.Builder().claim("uid", "bootstrapuser")
        .expirationTime(Date.from(clock.instant().plusSeconds(60))).build());
    assertThat(api.call("POST", "/auth/login", java.util.Map.of("uid", "bootstrapuser", "token", forOther)).statusCode()).isEqualTo(401);
    assertThat(api.call("PATCH", "/users/svc-1", java.util.Map.of("password", "abcdef")).statusCode()).isEqualTo(400);
  }
}

package io.berth.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import io.berth.common.json.Json;
import io.berth.testkit.TestClock;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LDAP configuration, connection test, login with a directory user and group import, on UnboundID's in-memory server. */
class LdapLoginTest {
  final IamHttpFixture api = new IamHttpFixture(100, HttpClient.newHttpClient());
  final TestClock clock = api.clock;
  final ImageWriter state = api.state;
  final IamService iam = api.iam;
  InMemoryDirectoryServer directory;

  @BeforeEach
  void start() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", java.net.InetAddress.getLoopbackAddress(), 0, null));
    directory = new InMemoryDirectoryServer(config);
    directory.add("dn: dc=example,dc=com", "objectClass: top", "objectClass: domain", "dc: example");
    directory.add("dn: ou=users,dc=example,dc=com", "objectClass: organizationalUnit", "ou: users");
    directory.add("dn: ou=groups,dc=example,dc=com", "objectClass: organizationalUnit", "ou: groups");
    for (String uid : List.of("john", "jane")) {
      directory.add("dn: uid=" + uid + ",ou=users,dc=example,dc=com", "objectClass: inetOrgPerson", "uid: " + uid,
          "cn: " + uid, "sn: " + uid, "userPassword: " + uid + "-secret");
    }
    directory.add("dn: cn=ops,ou=groups,dc=example,dc=com", "objectClass: groupOfNames", "cn: ops",
        "member: uid=john,ou=users,dc=example,dc=com", "member: uid=jane,ou=users,dc=example,dc=com");
    directory.startListening();
  }

  @AfterEach
  void stop() {
    api.close();
    directory.shutDown(true);
  }

  Map<String, Object> settings() {
    return Map.of("host", "127.0.0.1", "port", directory.getListenPort(), "enforce-starttls", false, "use-ldaps", false,
        "dntemplate", "uid=%(username)s,ou=users,dc=example,dc=com",
        "group-search", Map.of("search-base", "ou=groups,dc=example,dc=com", "search-filter-template", "(cn=%(groupname)s)",
            "member-attributes", List.of("member")));
  }

  @Test
  void configureTestLogInAndImportGroups() throws Exception {
    assertThat(api.call("GET", "/ldap/config", null).statusCode()).isEqualTo(400);
    assertThat(api.call("PUT", "/ldap/config", settings()).statusCode()).isEqualTo(200);
    JsonNode passed = Json.tree(api.call("POST", "/ldap/config/test", Map.of("uid", "john", "password", "john-secret")).body().getBytes());
    assertThat(passed.path("code").asText()).isEqualTo("TEST_PASSED");
    JsonNode failed = Json.tree(api.call("POST", "/ldap/config/test", Map.of("uid", "john", "password", "wrong")).body().getBytes());
    assertThat(failed.path("code").asText()).isEqualTo("TEST_FAILED");

    assertThat(api.call("POST", "/ldap/importgroup", Map.of("groupname", "ops")).statusCode()).isEqualTo(201);
    assertThat(state.image().iam().group("ops").orElseThrow().members()).containsExactly("john", "jane");
    assertThat(state.image().iam().user("jane").orElseThrow().providerType()).isEqualTo("ldap");

    HttpResponse<String> login = api.call("POST", "/auth/login", Map.of("uid", "john", "password", "john-secret"));
    assertThat(login.statusCode()).isEqualTo(200);
    String token = Json.tree(login.body().getBytes()).path("token").asText();
    assertThat(iam.verifier().orElseThrow().verify(token, clock.instant()).uid()).isEqualTo("john");
    assertThat(api.call("POST", "/auth/login", Map.of("uid", "john", "password", "wrong")).statusCode()).isEqualTo(401);
    assertThat(api.call("POST", "/auth/login", Map.of("uid", "john", "password", "")).statusCode()).isEqualTo(401);
    assertThat(api.call("POST", "/auth/login", Map.of("uid", "ghost", "password", "x")).statusCode()).isEqualTo(401);
  }

  @Test
  void firstLoginImportsTheUserAndBadImportsAndSettingsAreRefused() throws Exception {
    assertThat(api.call("PUT", "/ldap/config", settings()).statusCode()).isEqualTo(200);
    assertThat(state.image().iam().user("jane")).isEmpty();
    assertThat(api.call("POST", "/auth/login", Map.of("uid", "jane", "password", "jane-secret")).statusCode()).isEqualTo(200);
    assertThat(state.image().iam().user("jane").orElseThrow().providerType()).isEqualTo("ldap");

    HttpResponse<String> missing = api.call("POST", "/ldap/importuser", Map.of("username", "nobody"));
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(Json.tree(missing.body().getBytes()).path("code").asText()).isEqualTo("ERR_LDAP_IMPORT_USER_NOT_FOUND");
    assertThat(Json.tree(api.call("POST", "/ldap/importgroup", Map.of("groupname", "nope")).body().getBytes()).path("code").asText())
        .isEqualTo("ERR_LDAP_IMPORT_GROUP_NOT_FOUND");
    HttpResponse<String> bad = api.call("PUT", "/ldap/config", Map.of("host", "127.0.0.1", "port", 389));
    assertThat(Json.tree(bad.body().getBytes()).path("code").asText()).isEqualTo("ERR_LDAP_CONFIG_INVALID");
    assertThat(api.call("POST", "/ldap/importuser", Map.of("username", "john")).statusCode()).isEqualTo(201);
  }
}

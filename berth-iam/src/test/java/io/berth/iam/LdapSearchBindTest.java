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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LDAP with a search for the user (bind as a lookup DN, search, bind as the entry found) on UnboundID's in-memory
 * directory: login, filter injection, group memberships that carry permissions, and a directory that went away.
 */
class LdapSearchBindTest {
  final IamHttpFixture api = new IamHttpFixture(100, HttpClient.newHttpClient());
  final TestClock clock = api.clock;
  final ImageWriter state = api.state;
  final IamService iam = api.iam;
  InMemoryDirectoryServer directory;

  @BeforeEach
  void start() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=corp,dc=example");
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", java.net.InetAddress.getLoopbackAddress(), 0, null));
    directory = new InMemoryDirectoryServer(config);
    directory.add("dn: dc=corp,dc=example", "objectClass: top", "objectClass: domain", "dc: corp");
    directory.add("dn: ou=people,dc=corp,dc=example", "objectClass: organizationalUnit", "ou: people");
    directory.add("dn: ou=groups,dc=corp,dc=example", "objectClass: organizationalUnit", "ou: groups");
    directory.add("dn: cn=reader,dc=corp,dc=example", "objectClass: inetOrgPerson", "cn: reader", "sn: reader",
        "userPassword: reader-secret");
    // the entries' DNs are not uid=..., so only a search finds them
    for (String uid : List.of("john", "jane")) {
      directory.add("dn: cn=" + uid.toUpperCase() + " Doe,ou=people,dc=corp,dc=example", "objectClass: inetOrgPerson",
          "uid: " + uid, "cn: " + uid.toUpperCase() + " Doe", "sn: Doe", "userPassword: " + uid + "-secret");
    }
    directory.add("dn: cn=ops,ou=groups,dc=corp,dc=example", "objectClass: groupOfNames", "cn: ops",
        "member: cn=JANE Doe,ou=people,dc=corp,dc=example");
    directory.startListening();
  }

  @AfterEach
  void stop() {
    api.close();
    directory.shutDown(true);
  }

  Map<String, Object> settings() {
    Map<String, Object> s = new HashMap<>(Map.of("host", "127.0.0.1", "port", directory.getListenPort(),
        "enforce-starttls", false, "use-ldaps", false, "lookup-dn", "cn=reader,dc=corp,dc=example",
        "lookup-password", "reader-secret",
        "user-search", Map.of("search-base", "ou=people,dc=corp,dc=example", "search-filter-template", "(uid=%(username)s)"),
        "group-search", Map.of("search-base", "ou=groups,dc=corp,dc=example", "search-filter-template", "(cn=%(groupname)s)",
            "member-attributes", List.of("member"))));
    return s;
  }

  int login(String uid, String password) throws Exception {
    return api.call("POST", "/auth/login", Map.of("uid", uid, "password", password)).statusCode();
  }

  @Test
  void usersFoundBySearchLogInAndFiltersCannotBeInjected() throws Exception {
    assertThat(api.call("PUT", "/ldap/config", settings()).statusCode()).isEqualTo(200);
    JsonNode shown = Json.tree(api.call("GET", "/ldap/config", null).body().getBytes());
    assertThat(shown.path("lookup-password").asText()).isEqualTo("********");
    assertThat(shown.toString()).doesNotContain("reader-secret");
    assertThat(Json.tree(api.call("POST", "/ldap/config/test", Map.of("uid", "john", "password", "john-secret")).body().getBytes())
        .path("code").asText()).isEqualTo("TEST_PASSED");
    assertThat(login("john", "john-secret")).isEqualTo(200);
    assertThat(login("john", "jane-secret")).isEqualTo(401);
    assertThat(login("*", "john-secret")).isIn(400, 401);
    assertThat(login("john)(uid=*", "john-secret")).isIn(400, 401);
    assertThat(state.image().iam().users().keySet()).containsExactlyInAnyOrder("bootstrapuser", "john");
  }

  @Test
  void aDirectoryUsersGroupsGiveThemTheGroupsPermissions() throws Exception {
    assertThat(api.call("PUT", "/ldap/config", settings()).statusCode()).isEqualTo(200);
    assertThat(api.call("PUT", "/groups/ops", Map.of("description", "operators")).statusCode()).isEqualTo(201);
    assertThat(api.call("PUT", "/acls/dcos:adminrouter:ops:mesos", Map.of("description", "Mesos")).statusCode()).isEqualTo(201);
    assertThat(api.call("PUT", "/acls/dcos:adminrouter:ops:mesos/groups/ops/full", null).statusCode()).isEqualTo(204);
    assertThat(login("jane", "jane-secret")).isEqualTo(200);
    assertThat(login("john", "john-secret")).isEqualTo(200);
    assertThat(state.image().iam().group("ops").orElseThrow().members()).containsExactly("jane");
    assertThat(Authorizer.allowed(state.image().iam(), "jane", "dcos:adminrouter:ops:mesos", "full")).isTrue();
    assertThat(Authorizer.allowed(state.image().iam(), "john", "dcos:adminrouter:ops:mesos", "full")).isFalse();
  }

  @Test
  void aDirectoryThatWentAwayIsAnErrorNotAWrongPasswordAndLocalUsersStillLogIn() throws Exception {
    assertThat(api.call("PUT", "/ldap/config", settings()).statusCode()).isEqualTo(200);
    directory.shutDown(true);
    HttpResponse<String> down = api.call("POST", "/auth/login", Map.of("uid", "john", "password", "john-secret"));
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(Json.tree(down.body().getBytes()).path("code").asText()).isEqualTo("ERR_LDAP_BACKEND_UNAVAILABLE");
    HttpResponse<String> test = api.call("POST", "/ldap/config/test", Map.of("uid", "john", "password", "john-secret"));
    assertThat(test.statusCode()).isEqualTo(502);
    assertThat(login("bootstrapuser", "secret-pw")).isEqualTo(200);
    assertThat(state.image().iam().user("john")).isEmpty();
  }

  @Test
  void settingsWithBothOrNeitherWayOfFindingUsersAreRefusedAndNothingIsStored() throws Exception {
    Map<String, Object> both = settings();
    both.put("dntemplate", "uid=%(username)s,ou=people,dc=corp,dc=example");
    HttpResponse<String> refused = api.call("PUT", "/ldap/config", both);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(Json.tree(refused.body().getBytes()).path("code").asText()).isEqualTo("ERR_LDAP_CONFIG_INVALID");
    Map<String, Object> noPlaceholder = settings();
    noPlaceholder.put("user-search", Map.of("search-base", "ou=people,dc=corp,dc=example", "search-filter-template", "(uid=x)"));
    assertThat(api.call("PUT", "/ldap/config", noPlaceholder).statusCode()).isEqualTo(400);
    assertThat(state.image().iam().ldap()).isNull();
  }
}

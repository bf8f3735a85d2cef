package io.berth.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.json.Json;
import io.berth.testkit.TestClock;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect: configure a provider, then the authorization-code login a browser makes (IAM → provider → IAM's
 * callback), against a small provider the test runs over real HTTP; and every way it must fail.
 */
class OidcLoginTest {
  final IamHttpFixture api = new IamHttpFixture(100, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build());
  final TestClock clock = api.clock;
  final ImageWriter state = api.state;
  final IamService iam = api.iam;
  TestOidcProvider provider;

  @BeforeEach
  void start() throws Exception {
    provider = new TestOidcProvider();
  }

  @AfterEach
  void stop() {
    api.close();
    provider.close();
  }

  Map<String, Object> settings() {
    return Map.of("description", "Test provider", "issuer", provider.issuer(), "base_url", api.server.url(),
        "client_id", provider.clientId, "client_secret", provider.clientSecret);
  }

  void configure() throws Exception {
    assertThat(api.call("PUT", "/auth/oidc/providers/test-idp", settings()).statusCode()).isEqualTo(201);
  }

  /** The browser's first two hops: IAM sends it to the provider, the provider back to IAM's callback. */
  String callbackUrl(String target) throws Exception {
    HttpResponse<String> toProvider = api.call("GET", "/auth/login?oidc-provider=test-idp&target=" + target, null);
    assertThat(toProvider.statusCode()).isEqualTo(302);
    String authorize = toProvider.headers().firstValue("Location").orElseThrow();
    assertThat(authorize).startsWith(provider.issuer() + "/authorize?");
    Map<String, String> query = query(authorize);
    assertThat(query).containsKeys("state", "nonce").containsEntry("client_id", provider.clientId)
        .containsEntry("redirect_uri", api.server.url() + "/acs/api/v1/auth/oidc/callback");
    assertThat(query.get("scope")).contains("openid");
    HttpResponse<String> back = api.send("GET", authorize, null);
    assertThat(back.statusCode()).isEqualTo(302);
    return back.headers().firstValue("Location").orElseThrow();
  }

  static Map<String, String> query(String url) {
    Map<String, String> query = new HashMap<>();
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return query;
  }

  static String cookieToken(HttpResponse<String> r) {
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith(AuthApi.COOKIE + "=").contains("HttpOnly");
    return cookie.substring(AuthApi.COOKIE.length() + 1, cookie.indexOf(';'));
  }

  @Test
  void configureAProviderAndLogInWithTheAuthorizationCodeFlow() throws Exception {
    configure();
    assertThat(Json.tree(api.call("GET", "/auth/oidc/providers", null).body().getBytes()).path("test-idp").asText())
        .isEqualTo("Test provider");
    JsonNode shown = Json.tree(api.call("GET", "/auth/oidc/providers/test-idp", null).body().getBytes());
    assertThat(shown.path("issuer").asText()).isEqualTo(provider.issuer());
    assertThat(shown.path("client_secret").isMissingNode() || shown.path("client_secret").isNull()).isTrue();

    HttpResponse<String> done = api.send("GET", callbackUrl("/marathon/"), null);
    assertThat(done.statusCode()).isEqualTo(302);
    assertThat(done.headers().firstValue("Location")).hasValue("/marathon/");
    String token = cookieToken(done);
    assertThat(iam.verifier().orElseThrow().verify(token, clock.instant()).uid()).isEqualTo("alice@example.com");
    assertThat(state.image().iam().user("alice@example.com").orElseThrow().providerType()).isEqualTo("oidc");
    assertThat(state.image().iam().user("alice@example.com").orElseThrow().providerId()).isEqualTo("test-idp");

    // a second login of the same user keeps the one account; the CLI's target shows the token in a page
    HttpResponse<String> page = api.send("GET", callbackUrl(AuthApi.HTML_TARGET), null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(cookieToken(page));
    assertThat(state.image().iam().users().keySet().stream().filter(u -> u.startsWith("alice"))).hasSize(1);
    // an absolute target elsewhere is not followed
    assertThat(api.send("GET", callbackUrl("https://evil.example/"), null).headers().firstValue("Location")).hasValue("/");
  }

  @Test
  void aCallbackWithAnUnknownReplayedOrExpiredStateIsRefused() throws Exception {
    configure();
    String callback = callbackUrl("/");
    String forged = callback.replaceFirst("state=[^&]+", "state=forged");
    assertFailed(api.send("GET", forged, null));
    assertThat(api.send("GET", callback, null).statusCode()).isEqualTo(302);
    assertFailed(api.send("GET", callback, null));

    String late = callbackUrl("/");
    clock.advance(Duration.ofMinutes(11));
    assertFailed(api.send("GET", late, null));
    assertFailed(api.call("GET", "/auth/oidc/callback?state=x", null));
    assertThat(provider.tokenRequests.get()).isEqualTo(1);
  }

  @Test
  void anIdTokenSignedWithAnotherKeyOrACodeTheProviderRefusesLogsNobodyIn() throws Exception {
    configure();
    String callback = callbackUrl("/");
    provider.signWithStrangerKey = true;
    assertFailed(api.send("GET", callback, null));

    provider.signWithStrangerKey = false;
    String tampered = callbackUrl("/").replaceFirst("code=[^&]+", "code=not-issued");
    assertFailed(api.send("GET", tampered, null));

    assertThat(api.call("PATCH", "/auth/oidc/providers/test-idp", Map.of("client_secret", "wrong")).statusCode()).isEqualTo(204);
    assertFailed(api.send("GET", callbackUrl("/"), null));
    assertThat(state.image().iam().user("alice@example.com")).isEmpty();
  }

  @Test
  void badProviderSettingsAndUnknownOrUnreachableProvidersAreRefusedInIamsErrorShape() throws Exception {
    Map<String, Object> bad = new HashMap<>(settings());
    bad.put("issuer", "ftp://idp");
    HttpResponse<String> invalid = api.call("PUT", "/auth/oidc/providers/test-idp", bad);
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(Json.tree(invalid.body().getBytes()).path("code").asText()).isEqualTo("ERR_INVALID_DATA");
    bad.put("issuer", provider.issuer());
    bad.remove("client_secret");
    assertThat(api.call("PUT", "/auth/oidc/providers/test-idp", bad).statusCode()).isEqualTo(400);
    assertThat(api.call("PUT", "/auth/oidc/providers/Bad_Id", settings()).statusCode()).isEqualTo(400);
    assertThat(state.image().iam().oidcProviders()).isEmpty();

    HttpResponse<String> unknown = api.call("GET", "/auth/login?oidc-provider=nobody", null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(Json.tree(unknown.body().getBytes()).path("code").asText()).isEqualTo("ERR_UNKNOWN_PROVIDER");
    assertThat(api.call("GET", "/auth/login", null).statusCode()).isEqualTo(400);

    configure();
    assertThat(api.call("PUT", "/auth/oidc/providers/test-idp", settings()).statusCode()).isEqualTo(409);
    provider.close();
    HttpResponse<String> down = api.call("GET", "/auth/login?oidc-provider=test-idp", null);
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(Json.tree(down.body().getBytes()).path("code").asText()).isEqualTo("ERR_OIDC_PROVIDER_UNAVAILABLE");
    assertThat(api.call("DELETE", "/auth/oidc/providers/test-idp", null).statusCode()).isEqualTo(204);
    assertThat(api.call("DELETE", "/auth/oidc/providers/test-idp", null).statusCode()).isEqualTo(404);
  }

  static void assertFailed(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
    assertThat(Json.tree(r.body().getBytes()).path("code").asText()).isEqualTo("ERR_OIDC_LOGIN_FAILED");
    assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
  }
}

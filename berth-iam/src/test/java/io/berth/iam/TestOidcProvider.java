package io.berth.iam;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.berth.common.time.SystemTime;
import io.berth.http.ErrorRenderer;
import io.berth.http.HttpServer;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.http.Routes;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small OpenID Connect provider for tests, over real HTTP (Nimbus signs its ID tokens): discovery, an authorization
 * endpoint that logs in {@link #loggedIn} at once and redirects back with a code, a token endpoint that checks the
 * client's secret (HTTP basic), the code and the redirect URI and answers with an RS256 ID token (issuer, audience,
 * nonce, email), and the JWKS. {@link #signWithStrangerKey} makes it sign with a key its JWKS does not publish.
 */
final class TestOidcProvider implements AutoCloseable {
  private record Grant(String clientId, String redirectUri, String nonce, String email) {}

  final String clientId = "berth-cluster";
  final String clientSecret = "client-secret-42";
  volatile String loggedIn = "alice@example.com";
  volatile boolean signWithStrangerKey;
  final AtomicInteger tokenRequests = new AtomicInteger();
  /** The provider's keys, made once (RSA key generation is slow on a busy machine). */
  private static final RSAKey KEY = newKey();
  private static final RSAKey STRANGER = newKey();
  private final RSAKey key = KEY;
  private final RSAKey stranger = STRANGER;
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final AtomicInteger nextCode = new AtomicInteger();
  private final HttpServer server;

  TestOidcProvider() {
    server = HttpServer.start("127.0.0.1", 0, List.of(Routes.builder(ErrorRenderer.json())
        .get("/.well-known/openid-configuration", req -> Response.ok(discovery()))
        .get("/authorize", this::authorize)
        .post("/token", this::token)
        .get("/jwks", req -> Response.ok(new JWKSet(key.toPublicJWK()).toJSONObject()))
        .build()));
  }

  private static RSAKey newKey() {
    try {
      return new RSAKeyGenerator(2048).keyID("provider-key").keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  String issuer() {
    return server.url();
  }

  private Map<String, Object> discovery() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("issuer", issuer());
    d.put("authorization_endpoint", issuer() + "/authorize");
    d.put("token_endpoint", issuer() + "/token");
    d.put("jwks_uri", issuer() + "/jwks");
    d.put("response_types_supported", List.of("code"));
    d.put("subject_types_supported", List.of("public"));
    d.put("id_token_signing_alg_values_supported", List.of("RS256"));
    d.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
    return d;
  }

  private Response authorize(Request req) {
    String redirect = req.requireQuery("redirect_uri");
    if (!clientId.equals(req.query("client_id").orElse("")) || !"code".equals(req.query("response_type").orElse(""))) {
      return Response.text(400, "bad authorization request");
    }
    String code = "code-" + nextCode.incrementAndGet();
    codes.put(code, new Grant(clientId, redirect, req.requireQuery("nonce"), loggedIn));
    return Response.redirect(302, redirect + "?code=" + code + "&state="
        + URLEncoder.encode(req.requireQuery("state"), StandardCharsets.UTF_8));
  }

  private Response token(Request req) throws JOSEException {
    tokenRequests.incrementAndGet();
    Map<String, String> form = form(new String(req.body(), StandardCharsets.UTF_8));
    String expected = "Basic " + Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
        + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(req.header("authorization").orElse(""))) {
      return Response.json(401, Map.of("error", "invalid_client"));
    }
    Grant grant = codes.remove(form.getOrDefault("code", ""));
    if (!"authorization_code".equals(form.get("grant_type")) || grant == null
        || !grant.redirectUri().equals(form.get("redirect_uri"))) {
      return Response.json(400, Map.of("error", "invalid_grant"));
    }
    Instant now = SystemTime.wallClock().instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer()).subject("sub-" + grant.email().hashCode())
        .audience(grant.clientId()).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
        .claim("nonce", grant.nonce()).claim("email", grant.email()).build();
    SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    idToken.sign(new RSASSASigner(signWithStrangerKey ? stranger : key));
    return Response.ok(Map.of("access_token", "access-" + grant.email(), "token_type", "Bearer", "expires_in", 300,
        "id_token", idToken.serialize()));
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv.length == 2) {
        form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  @Override
  public void close() {
    server.close();
  }
}

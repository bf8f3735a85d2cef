package io.berth.iam;

import io.berth.common.error.ErrorCode;
import io.berth.http.Method;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.http.Routes;
import io.berth.iam.oidc.OidcLogin;
import io.berth.state.StateWriter.Write;
import io.berth.state.iam.IamChange;
import io.berth.state.iam.IamUser;
import io.berth.state.iam.OidcProvider;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /acs/api/v1/auth/...}: login (password, service login token, LDAP, OpenID Connect), logout, the JWKS,
 * and the OpenID Connect providers. Successful logins also set the {@code dcos-acs-auth-cookie} for browsers.
 */
public final class AuthApi {
  public static final String COOKIE = "dcos-acs-auth-cookie";
  /** Tells the OIDC callback to show the token in a page (for copying into a CLI) instead of redirecting. */
  public static final String HTML_TARGET = "dcos:authenticationresponse:html";
  private final IamService iam;
  private final IamLogin login;
  private final OidcLogin oidc;

  public AuthApi(IamService iam) {
    this.iam = iam;
    this.login = new IamLogin(iam);
    this.oidc = new OidcLogin(iam.ticker());
  }

  void addTo(Routes.Builder r) {
    String b = IamViews.BASE + "/auth";
    r.post(b + "/login", this::login)
        .get(b + "/login", this::startOidc)
        .get(b + "/oidc/callback", this::oidcCallback)
        .get(b + "/logout", req -> new Response.Bytes(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8),
            Map.of("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (iam.config().secureCookie() ? "; Secure" : ""))))
        .get(b + "/jwks", req -> Response.ok(TokenKeys.jwks(iam.image().signingKey() == null
            ? unavailable() : iam.image().signingKey())))
        .get(b + "/oidc/providers", req -> {
          Map<String, String> providers = new LinkedHashMap<>();
          iam.image().oidcProviders().values().forEach(p -> providers.put(p.id(), p.description() == null ? "" : p.description()));
          return Response.ok(providers);
        })
        .get(b + "/oidc/providers/{id}", req -> Response.ok(redacted(provider(req.pathParam("id")))))
        .put(b + "/oidc/providers/{id}", req -> saveProvider(req, true))
        .route(Method.PATCH, b + "/oidc/providers/{id}", req -> saveProvider(req, false))
        .delete(b + "/oidc/providers/{id}", req -> {
          String id = req.pathParam("id");
          iam.write(i -> {
            if (!i.oidcProviders().containsKey(id)) {
              throw unknownProvider(id);
            }
            return Write.of(null, new IamChange.OidcProviderDeleted(id));
          });
          return Response.empty(204);
        });
  }

  /**
   * Only the login and the key set, for an internal API port (the master's) where the cluster's own components log in
   * with their service accounts and read the key that verifies tokens.
   */
  public Routes loginRoutes() {
    String b = IamViews.BASE + "/auth";
    return Routes.builder(IamErrors.renderer()).post(b + "/login", this::login)
        .get(b + "/jwks", req -> Response.ok(TokenKeys.jwks(iam.image().signingKey() == null
            ? unavailable() : iam.image().signingKey())))
        .build();
  }

  private Response login(Request req) {
    try {
      String token = login.login(req.json(IamRequests.Login.class), req.remoteAddress());
      return withCookie(Response.ok(Map.of("token", token)), token);
    } catch (IamLogin.TooManyAttempts e) {
      return IamErrors.body(429, "ERR_TOO_MANY_LOGIN_ATTEMPTS", e.getMessage());
    }
  }

  private Response startOidc(Request req) {
    String id = req.query("oidc-provider").orElseThrow(() -> IamErrors.invalid("Missing parameter 'oidc-provider'"));
    OidcProvider provider = provider(id);
    return Response.redirect(302, oidc.start(provider, req.query("target").orElse("/")).toString());
  }

  private Response oidcCallback(Request req) {
    OidcLogin.Result result = oidc.finish(req.query("code").orElse(null), req.query("state").orElse(null));
    iam.write(i -> i.user(result.uid()).isPresent() ? Write.<Void>of(null)
        : Write.of(null, new IamChange.UserSaved(new IamUser(result.uid(), "", null, null, "oidc", result.provider().id()))));
    String token = iam.signer().orElseGet(AuthApi::unavailable).issue(result.uid(), iam.clock().instant());
    if (HTML_TARGET.equals(result.target())) {
      String page = "<!doctype html><html><body><p>Log in with this token:</p><pre id=\"token\">" + token + "</pre></body></html>";
      return withCookie(new Response.Bytes(200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8), Map.of()), token);
    }
    String target = result.target() != null && result.target().startsWith("/") && !result.target().startsWith("//")
        ? result.target() : "/";
    return withCookie(Response.redirect(302, target), token);
  }

  private Response withCookie(Response response, String token) {
    Map<String, String> headers = new LinkedHashMap<>(response.headers());
    long maxAge = iam.config().tokenLifetime().toSeconds();
    headers.put("Set-Cookie", COOKIE + "=" + token + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax"
        + (iam.config().secureCookie() ? "; Secure" : ""));
    return switch (response) {
      case Response.JsonBody j -> new Response.JsonBody(j.status(), j.body(), headers);
      case Response.Bytes b -> new Response.Bytes(b.status(), b.contentType(), b.body(), headers);
      case Response.Stream s -> new Response.Stream(s.status(), s.contentType(), headers, s.writer());
    };
  }

  private Response saveProvider(Request req, boolean create) {
    String id = req.pathParam("id");
    OidcProvider body = req.json(OidcProvider.class);
    iam.write(i -> {
      OidcProvider old = i.oidcProviders().get(id);
      if (create && old != null) {
        throw new IamException(ErrorCode.CONFLICT, "ERR_PROVIDER_EXISTS", "Provider `" + id + "` already exists.");
      }
      if (!create && old == null) {
        throw unknownProvider(id);
      }
      OidcProvider merged = create ? body : new OidcProvider(id, or(body.description(), old.description()),
          or(body.issuer(), old.issuer()), or(body.baseUrl(), old.baseUrl()), or(body.clientId(), old.clientId()),
          or(body.clientSecret(), old.clientSecret()), or(body.verifyServerCertificate(), old.verifyServerCertificate()),
          or(body.caCerts(), old.caCerts()));
      OidcProvider provider = new OidcProvider(id, merged.description(), merged.issuer(), merged.baseUrl(), merged.clientId(),
          merged.clientSecret(), merged.verifyServerCertificate(), merged.caCerts());
      OidcLogin.check(provider);
      return Write.of(null, new IamChange.OidcProviderSaved(provider));
    });
    return Response.empty(create ? 201 : 204);
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private OidcProvider provider(String id) {
    OidcProvider p = iam.image().oidcProviders().get(id);
    if (p == null) {
      throw unknownProvider(id);
    }
    return p;
  }

  private static OidcProvider redacted(OidcProvider p) {
    return new OidcProvider(p.id(), p.description(), p.issuer(), p.baseUrl(), p.clientId(), null,
        p.verifyServerCertificate(), p.caCerts());
  }

  private static IamException unknownProvider(String id) {
    return new IamException(ErrorCode.NOT_FOUND, "ERR_UNKNOWN_PROVIDER", "OIDC provider `" + id + "` not known.");
  }

  private static <T> T unavailable() {
    throw new IamException(ErrorCode.UNAVAILABLE, "ERR_SERVICE_UNAVAILABLE", "IAM is not bootstrapped yet");
  }
}

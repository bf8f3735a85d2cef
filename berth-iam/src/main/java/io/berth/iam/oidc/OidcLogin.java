package io.berth.iam.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.berth.common.error.ErrorCode;
import io.berth.common.time.Ticker;
import io.berth.iam.IamCommands;
import io.berth.iam.IamException;
import io.berth.state.iam.OidcProvider;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * OpenID Connect login with the authorization-code flow (Nimbus OAuth 2.0 / OIDC SDK): {@link #start} sends the
 * browser to the provider with a fresh state and nonce; {@link #finish} exchanges the code at the provider's token
 * endpoint (client secret, HTTP basic), validates the ID token (RS256 signature from the provider's JWKS, issuer,
 * audience, expiry, nonce) and names the user: its {@code email} claim, else its {@code sub}.
 */
public final class OidcLogin {
  private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");
  private static final Duration PENDING_FOR = Duration.ofMinutes(10);
  public static final String CALLBACK_PATH = "/acs/api/v1/auth/oidc/callback";

  private record Pending(OidcProvider provider, Nonce nonce, String target, long startedNanos) {}

  /** A finished login: who logged in, through which provider, and where the browser goes next. */
  public record Result(String uid, OidcProvider provider, String target) {}

  private final Ticker ticker;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  public OidcLogin(Ticker ticker) {
    this.ticker = ticker;
  }

  /** Rejects provider settings that cannot work (400). */
  public static void check(OidcProvider p) {
    if (p.id() == null || !ID.matcher(p.id()).matches()) {
      throw invalid("provider id must be 1-64 of a-z 0-9 -");
    }
    for (var field : Map.of("issuer", String.valueOf(p.issuer()), "base_url", String.valueOf(p.baseUrl())).entrySet()) {
      if (!field.getValue().startsWith("http://") && !field.getValue().startsWith("https://")) {
        throw invalid(field.getKey() + " must be an http(s) URL");
      }
    }
    if (p.clientId() == null || p.clientId().isBlank() || p.clientSecret() == null || p.clientSecret().isBlank()) {
      throw invalid("client_id and client_secret are required");
    }
  }

  /** The URL of the provider's authorization endpoint for a new login. */
  public URI start(OidcProvider provider, String target) {
    forgetOld();
    OIDCProviderMetadata metadata = discover(provider);
    State state = new State();
    Nonce nonce = new Nonce();
    pending.put(state.getValue(), new Pending(provider, nonce, target, ticker.nanos()));
    return new AuthenticationRequest.Builder(new ResponseType("code"), new Scope("openid", "email", "profile"),
        new ClientID(provider.clientId()), redirectUri(provider))
        .endpointURI(metadata.getAuthorizationEndpointURI()).state(state).nonce(nonce).build().toURI();
  }

  /** Completes a login from the provider's redirect; 401 for an unknown state, a refused code or a bad ID token. */
  public Result finish(String code, String state) {
    Pending started = state == null ? null : pending.remove(state);
    if (started == null || ticker.nanos() - started.startedNanos() > PENDING_FOR.toNanos()) {
      throw unauthorized("unknown or expired login state");
    }
    if (code == null || code.isBlank()) {
      throw unauthorized("the provider sent no authorization code");
    }
    OidcProvider provider = started.provider();
    OIDCProviderMetadata metadata = discover(provider);
    try {
      TokenRequest request = new TokenRequest(metadata.getTokenEndpointURI(),
          new ClientSecretBasic(new ClientID(provider.clientId()), new Secret(provider.clientSecret())),
          new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri(provider)));
      TokenResponse response = OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
      if (!response.indicatesSuccess()) {
        throw unauthorized("the provider refused the code: " + ((TokenErrorResponse) response).getErrorObject());
      }
      JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
      IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), new ClientID(provider.clientId()),
          JWSAlgorithm.RS256, metadata.getJWKSetURI().toURL());
      IDTokenClaimsSet claims = validator.validate(idToken, started.nonce());
      String email = claims.getStringClaim("email");
      String uid = email != null && !email.isBlank() ? email : claims.getSubject().getValue();
      return new Result(IamCommands.checkUid(uid), provider, started.target());
    } catch (IamException e) {
      throw e;
    } catch (Exception e) {
      throw unauthorized("OpenID Connect login failed: " + e.getMessage());
    }
  }

  private static OIDCProviderMetadata discover(OidcProvider provider) {
    try {
      return OIDCProviderMetadata.resolve(new Issuer(provider.issuer()), 5000, 5000);
    } catch (Exception e) {
      throw new IamException(ErrorCode.UNAVAILABLE, "ERR_OIDC_PROVIDER_UNAVAILABLE",
          "Cannot read the OpenID configuration of " + provider.issuer() + ": " + e.getMessage(), e);
    }
  }

  static URI redirectUri(OidcProvider provider) {
    return URI.create(provider.baseUrl().replaceAll("/+$", "") + CALLBACK_PATH);
  }

  private void forgetOld() {
    long now = ticker.nanos();
    pending.values().removeIf(p -> now - p.startedNanos() > PENDING_FOR.toNanos());
  }

  private static IamException invalid(String message) {
    return new IamException(ErrorCode.BAD_REQUEST, "ERR_INVALID_DATA", "Invalid OIDC provider: " + message);
  }

  private static IamException unauthorized(String message) {
    return new IamException(ErrorCode.UNAUTHORIZED, "ERR_OIDC_LOGIN_FAILED", message);
  }
}

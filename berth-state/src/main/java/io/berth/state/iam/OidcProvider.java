package io.berth.state.iam;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An OpenID Connect identity provider users may log in with (authorization-code flow).
 *
 * @param issuer the provider's issuer URL (its discovery document is at {@code issuer/.well-known/openid-configuration})
 * @param baseUrl the cluster's URL, for the redirect URI {@code <baseUrl>/acs/api/v1/auth/oidc/callback}
 */
public record OidcProvider(
    String id,
    String description,
    String issuer,
    @JsonProperty("base_url") String baseUrl,
    @JsonProperty("client_id") String clientId,
    @JsonProperty("client_secret") String clientSecret,
    @JsonProperty("verify_server_certificate") Boolean verifyServerCertificate,
    @JsonProperty("ca_certs") String caCerts) {}

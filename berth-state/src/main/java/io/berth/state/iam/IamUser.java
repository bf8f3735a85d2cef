package io.berth.state.iam;

/**
 * A user or service account. Local users have a {@code passwordHash} (bcrypt); service accounts have a
 * {@code publicKey} (PEM SubjectPublicKeyInfo, RSA); users of an identity provider have neither and a
 * {@code providerType} of {@code ldap} or {@code oidc}.
 *
 * @param providerType {@code internal}, {@code ldap}, {@code oidc} or {@code saml}
 * @param providerId the provider's id ({@code ""} for internal users)
 */
public record IamUser(String uid, String description, String passwordHash, String publicKey, String providerType,
    String providerId) {
  public IamUser {
    description = description == null ? "" : description;
    providerType = providerType == null ? "internal" : providerType;
    providerId = providerId == null ? "" : providerId;
  }

  public boolean isService() {
    return publicKey != null;
  }

  public boolean isRemote() {
    return !"internal".equals(providerType);
  }
}

package io.berth.iam;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The request bodies of the IAM API, as DC/OS clients send them. */
public final class IamRequests {
  private IamRequests() {}

  /** {@code PUT /users/{uid}}: a password makes a local user, a public key a service account. */
  public record UserCreate(String password, @JsonProperty("public_key") String publicKey,
      @JsonProperty("provider_type") String providerType, @JsonProperty("provider_id") String providerId,
      String description, @JsonProperty("creator_uid") String creatorUid, @JsonProperty("cluster_url") String clusterUrl) {}

  /** {@code PATCH /users/{uid}}. */
  public record UserPatch(String description, String password) {}

  /** {@code PUT|PATCH /groups/{gid}}. */
  public record GroupCreate(String description, @JsonProperty("provider_type") String providerType) {}

  /** {@code PUT|PATCH /acls/{rid}}. */
  public record AclCreate(String description) {}

  /** {@code POST /auth/login}: a password (local or LDAP user) or a service login token (service account). */
  public record Login(String uid, String password, String token) {}

  /** {@code POST /ldap/config/test}. */
  public record LdapTest(String uid, String password) {}

  /** {@code POST /ldap/importuser}. */
  public record ImportUser(String username) {}

  /** {@code POST /ldap/importgroup}. */
  public record ImportGroup(String groupname) {}
}

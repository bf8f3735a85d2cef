package io.berth.state.iam;

import io.berth.state.record.IamRecord;

/**
 * The change records of IAM and the cluster CA (the closed set behind {@link IamRecord}); replayed by
 * {@link IamImage#apply}. Validation happens in the commands that make them: replay never fails on them.
 */
public sealed interface IamChange extends IamRecord {
  /** A user or service account created or changed. */
  record UserSaved(IamUser user) implements IamChange {}

  /** A user removed, with its memberships and grants. */
  record UserDeleted(String uid) implements IamChange {}

  /** A group created or its description changed (members are kept). */
  record GroupSaved(String gid, String description, String providerType) implements IamChange {}

  /** A group removed, with its grants. */
  record GroupDeleted(String gid) implements IamChange {}

  record MemberAdded(String gid, String uid) implements IamChange {}

  record MemberRemoved(String gid, String uid) implements IamChange {}

  /** An ACL created or its description changed (grants are kept). */
  record AclSaved(String rid, String description) implements IamChange {}

  record AclDeleted(String rid) implements IamChange {}

  /** Who receives or loses a grant. */
  enum Principal { USER, GROUP }

  record Granted(String rid, Principal kind, String principal, String action) implements IamChange {}

  /** One action revoked, or all of them when {@code action} is null. */
  record Revoked(String rid, Principal kind, String principal, String action) implements IamChange {}

  record SigningKeyCreated(SigningKey key) implements IamChange {}

  record CaCreated(CaRoot ca) implements IamChange {}

  record CertificateIssued(IssuedCertificate certificate) implements IamChange {}

  /** The LDAP directory configured, or removed when {@code settings} is null. */
  record LdapConfigured(LdapSettings settings) implements IamChange {}

  record OidcProviderSaved(OidcProvider provider) implements IamChange {}

  record OidcProviderDeleted(String id) implements IamChange {}
}

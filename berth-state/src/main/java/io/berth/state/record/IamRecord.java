package io.berth.state.record;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.berth.state.iam.IamChange;

/**
 * Changes to IAM's users, groups, service accounts and permissions. Its records are listed in {@code @JsonSubTypes} here (each with a unique name) and
 * applied by {@link io.berth.state.iam.IamImage#apply}. Not sealed yet so that its records can live next to
 * their image in {@code io.berth.state.iam}.
 */
@JsonSubTypes({
    @JsonSubTypes.Type(value = IamChange.UserSaved.class, name = "IamUserSaved"),
    @JsonSubTypes.Type(value = IamChange.UserDeleted.class, name = "IamUserDeleted"),
    @JsonSubTypes.Type(value = IamChange.GroupSaved.class, name = "IamGroupSaved"),
    @JsonSubTypes.Type(value = IamChange.GroupDeleted.class, name = "IamGroupDeleted"),
    @JsonSubTypes.Type(value = IamChange.MemberAdded.class, name = "IamMemberAdded"),
    @JsonSubTypes.Type(value = IamChange.MemberRemoved.class, name = "IamMemberRemoved"),
    @JsonSubTypes.Type(value = IamChange.AclSaved.class, name = "IamAclSaved"),
    @JsonSubTypes.Type(value = IamChange.AclDeleted.class, name = "IamAclDeleted"),
    @JsonSubTypes.Type(value = IamChange.Granted.class, name = "IamGranted"),
    @JsonSubTypes.Type(value = IamChange.Revoked.class, name = "IamRevoked"),
    @JsonSubTypes.Type(value = IamChange.SigningKeyCreated.class, name = "IamSigningKeyCreated"),
    @JsonSubTypes.Type(value = IamChange.CaCreated.class, name = "IamCaCreated"),
    @JsonSubTypes.Type(value = IamChange.CertificateIssued.class, name = "IamCertificateIssued"),
    @JsonSubTypes.Type(value = IamChange.LdapConfigured.class, name = "IamLdapConfigured"),
    @JsonSubTypes.Type(value = IamChange.OidcProviderSaved.class, name = "IamOidcProviderSaved"),
    @JsonSubTypes.Type(value = IamChange.OidcProviderDeleted.class, name = "IamOidcProviderDeleted")
})
public non-sealed interface IamRecord extends ChangeRecord {}

package io.berth.state.iam;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The directory IAM authenticates LDAP users against, in the shape of DC/OS's {@code /ldap/config}. Either
 * {@code dntemplate} (simple bind as {@code uid=%(username)s,...}) or {@code lookupDn} + {@code userSearch}
 * (search the user, then bind as the entry found).
 */
public record LdapSettings(
    String host,
    int port,
    @JsonProperty("enforce-starttls") boolean enforceStarttls,
    @JsonProperty("use-ldaps") boolean useLdaps,
    String dntemplate,
    @JsonProperty("lookup-dn") String lookupDn,
    @JsonProperty("lookup-password") String lookupPassword,
    @JsonProperty("user-search") UserSearch userSearch,
    @JsonProperty("group-search") GroupSearch groupSearch,
    @JsonProperty("ca-certs") String caCerts) {

  /** Where users are searched and with which filter ({@code (uid=%(username)s)}). */
  public record UserSearch(@JsonProperty("search-base") String searchBase,
      @JsonProperty("search-filter-template") String searchFilterTemplate) {}

  /** Where groups are searched ({@code (cn=%(groupname)s)}) and which attributes list their members. */
  public record GroupSearch(@JsonProperty("search-base") String searchBase,
      @JsonProperty("search-filter-template") String searchFilterTemplate,
      @JsonProperty("member-attributes") List<String> memberAttributes) {}
}

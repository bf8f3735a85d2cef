package io.berth.iam.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import io.berth.common.error.ErrorCode;
import io.berth.iam.IamException;
import io.berth.state.iam.LdapSettings;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Talks to the LDAP directory of {@link LdapSettings} (UnboundID SDK): checks a user's password by binding as the
 * user (DN from {@code dntemplate}, or found with {@code user-search} after binding as {@code lookup-dn}), and
 * finds groups and their members for imports. Values put into filters and DNs are escaped.
 */
public final class LdapDirectory {
  private static final int TIMEOUT_MILLIS = 5000;

  /** A directory user: the entry's DN and the names of the groups that list it. */
  public record DirectoryUser(String uid, String dn, List<String> groups) {}

  private final LdapSettings settings;

  public LdapDirectory(LdapSettings settings) {
    this.settings = settings;
    check(settings);
  }

  /** Rejects settings that cannot work, with {@code ERR_LDAP_CONFIG_INVALID}. */
  public static void check(LdapSettings s) {
    if (s.host() == null || s.host().isBlank() || s.port() < 1 || s.port() > 65535) {
      throw invalid("host and port (1-65535) are required");
    }
    boolean template = s.dntemplate() != null && !s.dntemplate().isBlank();
    boolean search = s.userSearch() != null && s.userSearch().searchBase() != null && s.userSearch().searchFilterTemplate() != null;
    if (template == search) {
      throw invalid("give exactly one of dntemplate and user-search");
    }
    if (template && !s.dntemplate().contains("%(username)s")) {
      throw invalid("dntemplate must contain %(username)s");
    }
    if (search && !s.userSearch().searchFilterTemplate().contains("%(username)s")) {
      throw invalid("user-search.search-filter-template must contain %(username)s");
    }
    if (s.useLdaps() && s.enforceStarttls()) {
      throw invalid("use-ldaps and enforce-starttls exclude each other");
    }
  }

  /** Binds as the user with the password; empty if the directory refuses the credentials. */
  public Optional<DirectoryUser> authenticate(String uid, String password) {
    if (password == null || password.isEmpty()) {
      return Optional.empty(); // an empty password would be an anonymous bind
    }
    try (LDAPConnection connection = connect()) {
      Optional<String> dn = userDn(connection, uid);
      if (dn.isEmpty()) {
        return Optional.empty();
      }
      try {
        connection.bind(dn.get(), password);
      } catch (LDAPException e) {
        if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
          return Optional.empty();
        }
        throw e;
      }
      lookupBind(connection);
      return Optional.of(new DirectoryUser(uid, dn.get(), groupsOf(connection, uid, dn.get())));
    } catch (LDAPException e) {
      throw unavailable(e);
    }
  }

  /** Whether {@code uid} exists in the directory (for imports). */
  public Optional<DirectoryUser> findUser(String uid) {
    try (LDAPConnection connection = connect()) {
      lookupBind(connection);
      Optional<String> dn = userDn(connection, uid);
      if (dn.isPresent() && settings.dntemplate() != null && connection.getEntry(dn.get()) == null) {
        return Optional.empty();
      }
      return dn.map(d -> new DirectoryUser(uid, d, List.of()));
    } catch (LDAPException e) {
      if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
        return Optional.empty();
      }
      throw unavailable(e);
    }
  }

  /** The uids of the members of group {@code name}; empty if there is no such group. */
  public Optional<List<String>> groupMembers(String name) {
    LdapSettings.GroupSearch gs = groupSearch();
    try (LDAPConnection connection = connect()) {
      lookupBind(connection);
      Filter filter = Filter.create(gs.searchFilterTemplate().replace("%(groupname)s", Filter.encodeValue(name)));
      SearchResult result = connection.search(gs.searchBase(), SearchScope.SUB, filter);
      if (result.getEntryCount() == 0) {
        return Optional.empty();
      }
      Set<String> uids = new LinkedHashSet<>();
      for (SearchResultEntry entry : result.getSearchEntries()) {
        for (String attribute : memberAttributes(gs)) {
          for (String value : values(entry.getAttribute(attribute))) {
            uids.add(uidOf(value));
          }
        }
      }
      return Optional.of(List.copyOf(uids));
    } catch (LDAPException e) {
      throw new IamException(ErrorCode.UNAVAILABLE, "ERR_LDAP_IMPORT_SEARCH_FAILED", "LDAP group search failed: "
          + e.getMessage(), e);
    }
  }

  private LdapSettings.GroupSearch groupSearch() {
    LdapSettings.GroupSearch gs = settings.groupSearch();
    if (gs == null || gs.searchBase() == null || gs.searchFilterTemplate() == null) {
      throw new IamException(ErrorCode.BAD_REQUEST, "ERR_LDAP_CONFIG_INVALID", "The LDAP configuration has no group-search");
    }
    return gs;
  }

  private List<String> groupsOf(LDAPConnection connection, String uid, String dn) throws LDAPException {
    LdapSettings.GroupSearch gs = settings.groupSearch();
    if (gs == null || gs.searchBase() == null) {
      return List.of();
    }
    List<Filter> any = new ArrayList<>();
    for (String attribute : memberAttributes(gs)) {
      any.add(Filter.createEqualityFilter(attribute, dn));
      any.add(Filter.createEqualityFilter(attribute, uid));
    }
    List<String> names = new ArrayList<>();
    for (SearchResultEntry entry : connection.search(gs.searchBase(), SearchScope.SUB, Filter.createORFilter(any), "cn")
        .getSearchEntries()) {
      String cn = entry.getAttributeValue("cn");
      if (cn != null) {
        names.add(cn);
      }
    }
    return names;
  }

  private static List<String> memberAttributes(LdapSettings.GroupSearch gs) {
    return gs.memberAttributes() == null || gs.memberAttributes().isEmpty()
        ? List.of("member", "uniqueMember", "memberUid") : gs.memberAttributes();
  }

  private static List<String> values(Attribute attribute) {
    return attribute == null ? List.of() : List.of(attribute.getValues());
  }

  /** A member value is a DN ({@code uid=alice,ou=...}) or a bare uid ({@code memberUid}). */
  private static String uidOf(String member) {
    try {
      if (DN.isValidDN(member) && member.contains("=")) {
        RDN rdn = new DN(member).getRDN();
        return rdn.getAttributeValues()[0];
      }
    } catch (LDAPException e) {
      // not a DN: a bare uid
    }
    return member;
  }

  private Optional<String> userDn(LDAPConnection connection, String uid) throws LDAPException {
    if (settings.dntemplate() != null && !settings.dntemplate().isBlank()) {
      return Optional.of(settings.dntemplate().replace("%(username)s", escapeDnValue(uid)));
    }
    lookupBind(connection);
    Filter filter = Filter.create(settings.userSearch().searchFilterTemplate().replace("%(username)s", Filter.encodeValue(uid)));
    SearchResult result = connection.search(settings.userSearch().searchBase(), SearchScope.SUB, filter, "1.1");
    return result.getEntryCount() == 1 ? Optional.of(result.getSearchEntries().getFirst().getDN()) : Optional.empty();
  }

  /** Escapes a value for a DN (RFC 4514). */
  static String escapeDnValue(String value) {
    return value.replaceAll("([,+\"\\\\<>;=#])", "\\\\$1");
  }

  private void lookupBind(LDAPConnection connection) throws LDAPException {
    if (settings.lookupDn() != null && !settings.lookupDn().isBlank()) {
      connection.bind(settings.lookupDn(), settings.lookupPassword() == null ? "" : settings.lookupPassword());
    }
  }

  private LDAPConnection connect() throws LDAPException {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis(TIMEOUT_MILLIS);
    options.setResponseTimeoutMillis(TIMEOUT_MILLIS);
    try {
      if (settings.useLdaps()) {
        return new LDAPConnection(sslUtil().createSSLSocketFactory(), options, settings.host(), settings.port());
      }
      LDAPConnection connection = new LDAPConnection(options, settings.host(), settings.port());
      if (settings.enforceStarttls()) {
        SSLContext context = sslUtil().createSSLContext();
        ExtendedResult result = connection.processExtendedOperation(new StartTLSExtendedRequest(context));
        if (result.getResultCode() != ResultCode.SUCCESS) {
          connection.close();
          throw new LDAPException(result.getResultCode(), "StartTLS failed: " + result.getDiagnosticMessage());
        }
      }
      return connection;
    } catch (GeneralSecurityException e) {
      throw new LDAPException(ResultCode.CONNECT_ERROR, "TLS setup failed: " + e.getMessage(), e);
    }
  }

  private SSLUtil sslUtil() {
    if (settings.caCerts() == null || settings.caCerts().isBlank()) {
      return new SSLUtil(new TrustStoreTrustManager(System.getProperty("java.home") + "/lib/security/cacerts"));
    }
    return new SSLUtil(PemTrust.trustManager(settings.caCerts()));
  }

  static IamException invalid(String message) {
    return new IamException(ErrorCode.BAD_REQUEST, "ERR_LDAP_CONFIG_INVALID", "Invalid LDAP configuration: " + message);
  }

  static IamException unavailable(LDAPException e) {
    return new IamException(ErrorCode.UNAVAILABLE, "ERR_LDAP_BACKEND_UNAVAILABLE",
        "The LDAP directory cannot be used: " + e.getResultCode() + " " + e.getMessage(), e);
  }
}

package io.berth.state.iam;

import io.berth.state.iam.IamChange.Principal;
import io.berth.state.record.IamRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * IAM's users, groups, service accounts, ACLs, signing key, identity providers and the cluster CA in the cluster
 * image. Immutable; {@link #apply} is pure.
 */
public record IamImage(
    Map<String, IamUser> users,
    Map<String, IamGroup> groups,
    Map<String, IamAcl> acls,
    SigningKey signingKey,
    CaRoot ca,
    List<IssuedCertificate> certificates,
    LdapSettings ldap,
    Map<String, OidcProvider> oidcProviders) {

  /** Issued certificates kept in the image (the oldest are dropped first). */
  public static final int MAX_CERTIFICATES = 1000;

  public static final IamImage EMPTY = new IamImage(Map.of(), Map.of(), Map.of(), null, null, List.of(), null, Map.of());

  public IamImage {
    users = frozen(users);
    groups = frozen(groups);
    acls = frozen(acls);
    certificates = certificates == null ? List.of() : List.copyOf(certificates);
    oidcProviders = frozen(oidcProviders);
  }

  private static <V> Map<String, V> frozen(Map<String, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  public Optional<IamUser> user(String uid) {
    return Optional.ofNullable(users.get(uid));
  }

  public Optional<IamGroup> group(String gid) {
    return Optional.ofNullable(groups.get(gid));
  }

  public Optional<IamAcl> acl(String rid) {
    return Optional.ofNullable(acls.get(rid));
  }

  /** The gids of the groups {@code uid} belongs to. */
  public List<String> groupsOf(String uid) {
    return groups.values().stream().filter(g -> g.members().contains(uid)).map(IamGroup::gid).toList();
  }

  /** The image after one record. */
  public IamImage apply(IamRecord record) {
    if (!(record instanceof IamChange change)) {
      throw new IllegalArgumentException("unknown IAM record " + record);
    }
    return switch (change) {
      case IamChange.UserSaved r -> withUsers(m -> put(m, r.user().uid(), r.user()));
      case IamChange.UserDeleted r -> new IamImage(remove(users, r.uid()),
          mapValues(groups, g -> new IamGroup(g.gid(), g.description(), g.providerType(),
              g.members().stream().filter(u -> !u.equals(r.uid())).toList())),
          mapValues(acls, a -> new IamAcl(a.rid(), a.description(), remove(a.users(), r.uid()), a.groups())),
          signingKey, ca, certificates, ldap, oidcProviders);
      case IamChange.GroupSaved r -> {
        List<String> members = group(r.gid()).map(IamGroup::members).orElse(List.of());
        yield withGroups(m -> put(m, r.gid(), new IamGroup(r.gid(), r.description(), r.providerType(), members)));
      }
      case IamChange.GroupDeleted r -> new IamImage(users, remove(groups, r.gid()),
          mapValues(acls, a -> new IamAcl(a.rid(), a.description(), a.users(), remove(a.groups(), r.gid()))),
          signingKey, ca, certificates, ldap, oidcProviders);
      case IamChange.MemberAdded r -> withMembers(r.gid(), members -> {
        if (!members.contains(r.uid())) {
          members.add(r.uid());
        }
      });
      case IamChange.MemberRemoved r -> withMembers(r.gid(), members -> members.remove(r.uid()));
      case IamChange.AclSaved r -> {
        IamAcl old = acls.get(r.rid());
        IamAcl acl = old == null ? new IamAcl(r.rid(), r.description(), Map.of(), Map.of())
            : new IamAcl(r.rid(), r.description(), old.users(), old.groups());
        yield withAcls(m -> put(m, r.rid(), acl));
      }
      case IamChange.AclDeleted r -> withAcls(m -> remove(m, r.rid()));
      case IamChange.Granted r -> withGrant(r.rid(), r.kind(), r.principal(), actions -> {
        if (!actions.contains(r.action())) {
          actions.add(r.action());
        }
      });
      case IamChange.Revoked r -> withGrant(r.rid(), r.kind(), r.principal(), actions -> {
        if (r.action() == null) {
          actions.clear();
        } else {
          actions.remove(r.action());
        }
      });
      case IamChange.SigningKeyCreated r ->
          new IamImage(users, groups, acls, r.key(), ca, certificates, ldap, oidcProviders);
      case IamChange.CaCreated r -> new IamImage(users, groups, acls, signingKey, r.ca(), List.of(), ldap, oidcProviders);
      case IamChange.CertificateIssued r -> {
        List<IssuedCertificate> next = new ArrayList<>(certificates);
        next.add(r.certificate());
        while (next.size() > MAX_CERTIFICATES) {
          next.removeFirst();
        }
        yield new IamImage(users, groups, acls, signingKey, ca, next, ldap, oidcProviders);
      }
      case IamChange.LdapConfigured r ->
          new IamImage(users, groups, acls, signingKey, ca, certificates, r.settings(), oidcProviders);
      case IamChange.OidcProviderSaved r -> new IamImage(users, groups, acls, signingKey, ca, certificates, ldap,
          put(oidcProviders, r.provider().id(), r.provider()));
      case IamChange.OidcProviderDeleted r -> new IamImage(users, groups, acls, signingKey, ca, certificates, ldap,
          remove(oidcProviders, r.id()));
    };
  }

  private IamImage withUsers(UnaryOperator<Map<String, IamUser>> change) {
    return new IamImage(change.apply(users), groups, acls, signingKey, ca, certificates, ldap, oidcProviders);
  }

  private IamImage withGroups(UnaryOperator<Map<String, IamGroup>> change) {
    return new IamImage(users, change.apply(groups), acls, signingKey, ca, certificates, ldap, oidcProviders);
  }

  private IamImage withAcls(UnaryOperator<Map<String, IamAcl>> change) {
    return new IamImage(users, groups, change.apply(acls), signingKey, ca, certificates, ldap, oidcProviders);
  }

  private IamImage withMembers(String gid, java.util.function.Consumer<List<String>> change) {
    IamGroup group = groups.get(gid);
    if (group == null) {
      return this;
    }
    List<String> members = new ArrayList<>(group.members());
    change.accept(members);
    return withGroups(m -> put(m, gid, new IamGroup(gid, group.description(), group.providerType(), members)));
  }

  private IamImage withGrant(String rid, Principal kind, String principal, java.util.function.Consumer<List<String>> change) {
    IamAcl acl = acls.get(rid);
    if (acl == null) {
      return this;
    }
    Map<String, List<String>> grants = kind == Principal.USER ? acl.users() : acl.groups();
    List<String> actions = new ArrayList<>(grants.getOrDefault(principal, List.of()));
    change.accept(actions);
    Map<String, List<String>> next = actions.isEmpty() ? remove(grants, principal) : put(grants, principal, List.copyOf(actions));
    IamAcl updated = kind == Principal.USER ? new IamAcl(rid, acl.description(), next, acl.groups())
        : new IamAcl(rid, acl.description(), acl.users(), next);
    return withAcls(m -> put(m, rid, updated));
  }

  private static <V> Map<String, V> put(Map<String, V> map, String key, V value) {
    Map<String, V> next = new LinkedHashMap<>(map);
    next.put(key, value);
    return next;
  }

  private static <V> Map<String, V> remove(Map<String, V> map, String key) {
    Map<String, V> next = new LinkedHashMap<>(map);
    next.remove(key);
    return next;
  }

  private static <V> Map<String, V> mapValues(Map<String, V> map, UnaryOperator<V> change) {
    Map<String, V> next = new LinkedHashMap<>();
    map.forEach((k, v) -> next.put(k, change.apply(v)));
    return next;
  }
}

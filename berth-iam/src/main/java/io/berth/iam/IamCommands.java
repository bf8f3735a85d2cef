package io.berth.iam;

import io.berth.common.error.ErrorCode;
import io.berth.state.StateWriter.Write;
import io.berth.state.iam.IamChange;
import io.berth.state.iam.IamChange.Principal;
import io.berth.state.iam.IamImage;
import io.berth.state.iam.IamUser;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The write commands of IAM: each validates against the current image and returns the records to commit (pure, so
 * a command that fails records nothing). Password hashes are made by the caller, before the command runs.
 */
public final class IamCommands {
  private static final Pattern UID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._@-]{0,95}");
  private static final Pattern GID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{0,95}");
  private static final Pattern RID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9:._/@*-]{0,399}");
  private static final int MIN_PASSWORD = 5;

  private IamCommands() {}

  public static String checkUid(String uid) {
    if (uid == null || !UID.matcher(uid).matches()) {
      throw IamErrors.invalid("Invalid uid `" + uid + "`: use 1-96 of a-z A-Z 0-9 . _ @ - (not starting with . _ @ -)");
    }
    return uid;
  }

  public static String checkGid(String gid) {
    if (gid == null || !GID.matcher(gid).matches()) {
      throw IamErrors.invalid("Invalid gid `" + gid + "`: use 1-96 of a-z A-Z 0-9 . _ - (not starting with . _ -)");
    }
    return gid;
  }

  public static String checkRid(String rid) {
    if (rid == null || !RID.matcher(rid).matches()) {
      throw IamErrors.invalid("Invalid resource id `" + rid + "`");
    }
    return rid;
  }

  public static String checkAction(String action) {
    if (!Authorizer.ACTIONS.contains(action)) {
      throw IamErrors.invalid("Invalid action `" + action + "`: use one of create, read, update, delete, full");
    }
    return action;
  }

  /** Checks a new password's length; returns it. */
  public static String checkPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD) {
      throw IamErrors.invalid("Password must be at least " + MIN_PASSWORD + " characters long");
    }
    return password;
  }

  /** Creates a user; {@code user} was built (and its password hashed) by the caller. */
  public static Write<IamUser> createUser(IamImage iam, IamUser user) {
    checkUid(user.uid());
    if (iam.user(user.uid()).isPresent()) {
      throw new IamException(ErrorCode.CONFLICT, "ERR_USER_EXISTS", "User with uid `" + user.uid() + "` already exists.");
    }
    return Write.of(user, new IamChange.UserSaved(user));
  }

  public static Write<IamUser> updateUser(IamImage iam, String uid, String description, String passwordHash) {
    IamUser old = iam.user(uid).orElseThrow(() -> IamErrors.unknownUser(uid));
    if (passwordHash != null && (old.isService() || old.isRemote())) {
      throw new IamException(ErrorCode.BAD_REQUEST, "ERR_INVALID_DATA",
          "The password of `" + uid + "` cannot be changed here: it is not a local user");
    }
    IamUser next = new IamUser(uid, description != null ? description : old.description(),
        passwordHash != null ? passwordHash : old.passwordHash(), old.publicKey(), old.providerType(), old.providerId());
    return Write.of(next, new IamChange.UserSaved(next));
  }

  public static Write<Void> deleteUser(IamImage iam, String uid) {
    iam.user(uid).orElseThrow(() -> IamErrors.unknownUser(uid));
    return Write.of(null, new IamChange.UserDeleted(uid));
  }

  public static Write<Void> createGroup(IamImage iam, String gid, String description, String providerType) {
    checkGid(gid);
    if (iam.group(gid).isPresent()) {
      throw new IamException(ErrorCode.CONFLICT, "ERR_GROUP_EXISTS", "Group with gid `" + gid + "` already exists.");
    }
    return Write.of(null, new IamChange.GroupSaved(gid, description, providerType));
  }

  public static Write<Void> updateGroup(IamImage iam, String gid, String description) {
    var group = iam.group(gid).orElseThrow(() -> IamErrors.unknownGroup(gid));
    return Write.of(null, new IamChange.GroupSaved(gid, description != null ? description : group.description(),
        group.providerType()));
  }

  public static Write<Void> deleteGroup(IamImage iam, String gid) {
    iam.group(gid).orElseThrow(() -> IamErrors.unknownGroup(gid));
    return Write.of(null, new IamChange.GroupDeleted(gid));
  }

  public static Write<Void> addMember(IamImage iam, String gid, String uid) {
    var group = iam.group(gid).orElseThrow(() -> IamErrors.unknownGroup(gid));
    iam.user(uid).orElseThrow(() -> IamErrors.unknownUser(uid));
    if (group.members().contains(uid)) {
      throw new IamException(ErrorCode.CONFLICT, "ERR_MEMBERSHIP_EXISTS", "User `" + uid + "` is already a member of `" + gid + "`.");
    }
    return Write.of(null, new IamChange.MemberAdded(gid, uid));
  }

  public static Write<Void> removeMember(IamImage iam, String gid, String uid) {
    var group = iam.group(gid).orElseThrow(() -> IamErrors.unknownGroup(gid));
    if (!group.members().contains(uid)) {
      throw new IamException(ErrorCode.NOT_FOUND, "ERR_UNKNOWN_MEMBERSHIP", "User `" + uid + "` is not a member of `" + gid + "`.");
    }
    return Write.of(null, new IamChange.MemberRemoved(gid, uid));
  }

  public static Write<Void> createAcl(IamImage iam, String rid, String description) {
    checkRid(rid);
    if (iam.acl(rid).isPresent()) {
      throw new IamException(ErrorCode.CONFLICT, "ERR_ACL_EXISTS", "ACL for resource ID `" + rid + "` already exists.");
    }
    return Write.of(null, new IamChange.AclSaved(rid, description));
  }

  public static Write<Void> updateAcl(IamImage iam, String rid, String description) {
    var acl = iam.acl(rid).orElseThrow(() -> IamErrors.unknownAcl(rid));
    return Write.of(null, new IamChange.AclSaved(rid, description != null ? description : acl.description()));
  }

  public static Write<Void> deleteAcl(IamImage iam, String rid) {
    iam.acl(rid).orElseThrow(() -> IamErrors.unknownAcl(rid));
    return Write.of(null, new IamChange.AclDeleted(rid));
  }

  /** Grants one action; the ACL and the principal must exist. */
  public static Write<Void> grant(IamImage iam, String rid, Principal kind, String principal, String action) {
    iam.acl(rid).orElseThrow(() -> IamErrors.unknownAcl(rid));
    checkAction(action);
    principalMustExist(iam, kind, principal);
    return Write.of(null, new IamChange.Granted(rid, kind, principal, action));
  }

  /** Revokes one action, or all when {@code action} is null. */
  public static Write<Void> revoke(IamImage iam, String rid, Principal kind, String principal, String action) {
    var acl = iam.acl(rid).orElseThrow(() -> IamErrors.unknownAcl(rid));
    if (action != null) {
      checkAction(action);
    }
    List<String> actions = (kind == Principal.USER ? acl.users() : acl.groups()).getOrDefault(principal, List.of());
    if (actions.isEmpty() || (action != null && !actions.contains(action))) {
      throw new IamException(ErrorCode.NOT_FOUND, "ERR_UNKNOWN_PERMISSION",
          "`" + principal + "` has no " + (action == null ? "" : "`" + action + "` ") + "permission on `" + rid + "`.");
    }
    return Write.of(null, new IamChange.Revoked(rid, kind, principal, action));
  }

  static void principalMustExist(IamImage iam, Principal kind, String principal) {
    switch (kind) {
      case USER -> iam.user(principal).orElseThrow(() -> IamErrors.unknownUser(principal));
      case GROUP -> iam.group(principal).orElseThrow(() -> IamErrors.unknownGroup(principal));
    }
  }
}

package io.berth.iam;

import io.berth.common.error.ErrorCode;
import io.berth.http.Response;
import io.berth.http.Routes;
import io.berth.iam.ldap.LdapDirectory;
import io.berth.state.StateWriter.Write;
import io.berth.state.iam.IamChange;
import io.berth.state.iam.IamImage;
import io.berth.state.iam.IamUser;
import io.berth.state.iam.LdapSettings;
import io.berth.state.record.ChangeRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /acs/api/v1/ldap/...}: the LDAP directory's configuration, a connection test, user and group imports. */
final class DirectoryApi {
  private final IamService iam;

  DirectoryApi(IamService iam) {
    this.iam = iam;
  }

  void addTo(Routes.Builder r) {
    String b = IamViews.BASE + "/ldap";
    r.get(b + "/config", req -> Response.ok(redacted(settings())))
        .put(b + "/config", req -> {
          LdapSettings settings = req.json(LdapSettings.class);
          LdapDirectory.check(settings);
          iam.write(i -> Write.of(null, new IamChange.LdapConfigured(settings)));
          return Response.ok(redacted(settings));
        })
        .delete(b + "/config", req -> {
          iam.write(i -> {
            if (i.ldap() == null) {
              throw notConfigured();
            }
            return Write.of(null, new IamChange.LdapConfigured(null));
          });
          return Response.empty(204);
        })
        .post(b + "/config/test", req -> {
          IamRequests.LdapTest body = req.json(IamRequests.LdapTest.class);
          if (body.uid() == null || body.password() == null) {
            throw IamErrors.invalid("uid and password are required");
          }
          try {
            boolean ok = new LdapDirectory(settings()).authenticate(body.uid(), body.password()).isPresent();
            return Response.ok(ok ? Map.of("code", "TEST_PASSED", "description", "Connection and authentication succeeded.")
                : Map.of("code", "TEST_FAILED", "description", "The directory refused the credentials of `" + body.uid() + "`."));
          } catch (IamException e) {
            if (e.code() == ErrorCode.UNAVAILABLE) {
              return IamErrors.body(502, e.iamCode(), e.getMessage());
            }
            throw e;
          }
        })
        .post(b + "/importuser", req -> {
          String uid = IamCommands.checkUid(req.json(IamRequests.ImportUser.class).username());
          new LdapDirectory(settings()).findUser(uid).orElseThrow(() -> new IamException(ErrorCode.BAD_REQUEST,
              "ERR_LDAP_IMPORT_USER_NOT_FOUND", "User `" + uid + "` was not found in the directory."));
          iam.write(i -> IamLogin.importDirectoryUser(i, uid, List.of()));
          return Response.empty(201);
        })
        .post(b + "/importgroup", req -> {
          String gid = IamCommands.checkGid(req.json(IamRequests.ImportGroup.class).groupname());
          List<String> members = new LdapDirectory(settings()).groupMembers(gid).orElseThrow(() -> new IamException(
              ErrorCode.BAD_REQUEST, "ERR_LDAP_IMPORT_GROUP_NOT_FOUND", "Group `" + gid + "` was not found in the directory."));
          iam.write(i -> importGroup(i, gid, members));
          return Response.empty(201);
        });
  }

  /** The group (if new) and its members (directory users, created if new). */
  static Write<Void> importGroup(IamImage iam, String gid, List<String> members) {
    List<ChangeRecord> records = new ArrayList<>();
    if (iam.group(gid).isEmpty()) {
      records.add(new IamChange.GroupSaved(gid, "", "ldap"));
    }
    for (String uid : members) {
      if (iam.user(uid).isEmpty()) {
        records.add(new IamChange.UserSaved(new IamUser(IamCommands.checkUid(uid), "", null, null, "ldap", "ldap")));
      }
      if (iam.group(gid).map(g -> !g.members().contains(uid)).orElse(true)) {
        records.add(new IamChange.MemberAdded(gid, uid));
      }
    }
    return Write.of(null, records);
  }

  private LdapSettings settings() {
    LdapSettings settings = iam.image().ldap();
    if (settings == null) {
      throw notConfigured();
    }
    return settings;
  }

  private static LdapSettings redacted(LdapSettings s) {
    return new LdapSettings(s.host(), s.port(), s.enforceStarttls(), s.useLdaps(), s.dntemplate(), s.lookupDn(),
        s.lookupPassword() == null ? null : "********", s.userSearch(), s.groupSearch(), s.caCerts());
  }

  private static IamException notConfigured() {
    return new IamException(ErrorCode.BAD_REQUEST, "ERR_LDAP_CONFIG_NOT_AVAILABLE", "No LDAP configuration stored yet.");
  }
}

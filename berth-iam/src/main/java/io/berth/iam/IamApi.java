package io.berth.iam;

import io.berth.common.error.ErrorCode;
import io.berth.http.Method;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.http.Routes;
import io.berth.iam.IamRequests.GroupCreate;
import io.berth.iam.IamRequests.UserCreate;
import io.berth.iam.IamRequests.UserPatch;
import io.berth.state.iam.IamGroup;
import io.berth.state.iam.IamImage;
import io.berth.state.iam.IamUser;
import java.util.List;
import java.util.Map;

/**
 * The IAM API under {@code /acs/api/v1}: authentication ({@link AuthApi}), users, groups and memberships here,
 * ACLs ({@link AclApi}), directories ({@link DirectoryApi}). Errors in IAM's shape ({@link IamErrors}). The gateway
 * decides who may call what; IAM itself trusts its caller.
 */
public final class IamApi {
  private final IamService iam;
  private final AuthApi auth;
  private final AclApi acls;
  private final DirectoryApi directories;

  public IamApi(IamService iam, AuthApi auth) {
    this.iam = iam;
    this.auth = auth;
    this.acls = new AclApi(iam);
    this.directories = new DirectoryApi(iam);
  }

  /**
   * What other authorizers (agents' gateways) ask on a master's own port: the policy query and whether a user
   * exists ({@code GET /acs/api/v1/users/<uid>}); read-only.
   */
  public Routes authorizerRoutes() {
    Routes.Builder r = Routes.builder(IamErrors.renderer());
    acls.addPolicyQuery(r);
    r.get(IamViews.BASE + "/users/{uid}", this::getUser);
    return r.build();
  }

  public Routes routes() {
    Routes.Builder r = Routes.builder(IamErrors.renderer());
    String b = IamViews.BASE;
    auth.addTo(r);
    r.get(b + "/users", this::listUsers)
        .get(b + "/users/{uid}", this::getUser)
        .put(b + "/users/{uid}", this::createUser)
        .route(Method.PATCH, b + "/users/{uid}", this::patchUser)
        .delete(b + "/users/{uid}", req -> {
          iam.write(i -> IamCommands.deleteUser(i, req.pathParam("uid")));
          return Response.empty(204);
        })
        .get(b + "/users/{uid}/groups", req -> {
          String uid = user(req.pathParam("uid")).uid();
          IamImage image = iam.image();
          return Response.ok(IamViews.array(image.groupsOf(uid).stream().map(gid -> Map.of(
              "membershipurl", b + "/groups/" + IamViews.enc(gid) + "/users/" + IamViews.enc(uid),
              "group", IamViews.group(image.groups().get(gid)))).toList()));
        })
        .get(b + "/users/{uid}/permissions", req -> {
          String uid = user(req.pathParam("uid")).uid();
          IamImage image = iam.image();
          return Response.ok(IamViews.permissions(image, uid, image.groupsOf(uid)));
        })
        .get(b + "/groups", req -> Response.ok(IamViews.array(iam.image().groups().values().stream().map(IamViews::group).toList())))
        .get(b + "/groups/{gid}", req -> Response.ok(IamViews.group(group(req.pathParam("gid")))))
        .put(b + "/groups/{gid}", req -> {
          GroupCreate body = req.body().length == 0 ? new GroupCreate(null, null) : req.json(GroupCreate.class);
          iam.write(i -> IamCommands.createGroup(i, req.pathParam("gid"), body.description(), body.providerType()));
          return Response.empty(201);
        })
        .route(Method.PATCH, b + "/groups/{gid}", req -> {
          GroupCreate body = req.json(GroupCreate.class);
          iam.write(i -> IamCommands.updateGroup(i, req.pathParam("gid"), body.description()));
          return Response.empty(204);
        })
        .delete(b + "/groups/{gid}", req -> {
          iam.write(i -> IamCommands.deleteGroup(i, req.pathParam("gid")));
          return Response.empty(204);
        })
        .get(b + "/groups/{gid}/users", this::groupMembers)
        .put(b + "/groups/{gid}/users/{uid}", req -> {
          iam.write(i -> IamCommands.addMember(i, req.pathParam("gid"), req.pathParam("uid")));
          return Response.empty(204);
        })
        .delete(b + "/groups/{gid}/users/{uid}", req -> {
          iam.write(i -> IamCommands.removeMember(i, req.pathParam("gid"), req.pathParam("uid")));
          return Response.empty(204);
        })
        .get(b + "/groups/{gid}/permissions", req ->
            Response.ok(IamViews.permissions(iam.image(), null, List.of(group(req.pathParam("gid")).gid()))));
    acls.addTo(r);
    directories.addTo(r);
    return r.build();
  }

  private Response getUser(Request req) {
    return Response.ok(IamViews.user(user(req.pathParam("uid"))));
  }

  private Response listUsers(Request req) {
    boolean services = req.query("type").map("service"::equals).orElse(false);
    return Response.ok(IamViews.array(iam.image().users().values().stream().filter(u -> u.isService() == services)
        .map(IamViews::user).toList()));
  }

  private Response createUser(Request req) {
    String uid = IamCommands.checkUid(req.pathParam("uid"));
    UserCreate body = req.json(UserCreate.class);
    IamUser user;
    if (body.publicKey() != null) {
      if (body.password() != null) {
        throw IamErrors.invalid("Give either password or public_key, not both");
      }
      TokenKeys.parsePublicKeyPem(body.publicKey());
      user = new IamUser(uid, body.description(), null, body.publicKey(), null, null);
    } else if (body.password() != null) {
      user = new IamUser(uid, body.description(), iam.hasher().hash(IamCommands.checkPassword(body.password())), null, null, null);
    } else if (body.providerType() != null && List.of("ldap", "oidc", "saml").contains(body.providerType())) {
      user = new IamUser(uid, body.description(), null, null, body.providerType(), body.providerId());
    } else {
      throw IamErrors.invalid("Give a password (user), a public_key (service account) or provider_type ldap|oidc|saml");
    }
    iam.write(i -> IamCommands.createUser(i, user));
    return Response.empty(201);
  }

  private Response patchUser(Request req) {
    String uid = req.pathParam("uid");
    UserPatch body = req.json(UserPatch.class);
    IamUser user = user(uid);
    if (user.isService() && body.password() != null) {
      throw new IamException(ErrorCode.BAD_REQUEST, "ERR_NOT_IMPLEMENTED", "Service accounts have no password");
    }
    String hash = body.password() == null ? null : iam.hasher().hash(IamCommands.checkPassword(body.password()));
    iam.write(i -> IamCommands.updateUser(i, uid, body.description(), hash));
    return Response.empty(204);
  }

  private Response groupMembers(Request req) {
    IamGroup group = group(req.pathParam("gid"));
    boolean services = req.query("type").map("service"::equals).orElse(false);
    IamImage image = iam.image();
    return Response.ok(IamViews.array(group.members().stream().map(image.users()::get)
        .filter(u -> u != null && u.isService() == services)
        .map(u -> Map.of("membershipurl", IamViews.BASE + "/groups/" + IamViews.enc(group.gid()) + "/users/" + IamViews.enc(u.uid()),
            "user", IamViews.user(u))).toList()));
  }

  private IamUser user(String uid) {
    return iam.image().user(uid).orElseThrow(() -> IamErrors.unknownUser(uid));
  }

  private IamGroup group(String gid) {
    return iam.image().group(gid).orElseThrow(() -> IamErrors.unknownGroup(gid));
  }
}

package io.berth.iam;

import io.berth.http.Method;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.http.Routes;
import io.berth.iam.IamRequests.AclCreate;
import io.berth.state.iam.IamAcl;
import io.berth.state.iam.IamChange.Principal;
import java.util.List;
import java.util.Map;

/**
 * {@code /acs/api/v1/acls/...}: ACLs, their user and group grants, and the policy query {@code .../{action}}; and
 * {@code /acs/api/v1/internal/policyquery?rid=&uid=&action=}, the query other authorizers ask (DC/OS agents' Admin
 * Router does), which answers for any resource id, whether or not an ACL of that exact id exists.
 */
final class AclApi {
  private final IamService iam;

  AclApi(IamService iam) {
    this.iam = iam;
  }

  void addTo(Routes.Builder r) {
    String b = IamViews.BASE + "/acls";
    r.get(b, req -> Response.ok(IamViews.array(iam.image().acls().values().stream().map(IamViews::acl).toList())))
        .get(b + "/{rid}", req -> Response.ok(IamViews.acl(acl(req))))
        .put(b + "/{rid}", req -> {
          AclCreate body = req.body().length == 0 ? new AclCreate(null) : req.json(AclCreate.class);
          iam.write(i -> IamCommands.createAcl(i, rid(req), body.description()));
          return Response.empty(201);
        })
        .route(Method.PATCH, b + "/{rid}", req -> {
          AclCreate body = req.json(AclCreate.class);
          iam.write(i -> IamCommands.updateAcl(i, rid(req), body.description()));
          return Response.empty(204);
        })
        .delete(b + "/{rid}", req -> {
          iam.write(i -> IamCommands.deleteAcl(i, rid(req)));
          return Response.empty(204);
        })
        .get(b + "/{rid}/permissions", req -> {
          IamAcl acl = acl(req);
          String base = IamViews.aclUrl(acl.rid());
          return Response.ok(Map.of(
              "users", acl.users().entrySet().stream().map(e -> Map.of("uid", e.getKey(),
                  "userurl", IamViews.BASE + "/users/" + IamViews.enc(e.getKey()),
                  "actions", IamViews.actions(base + "/users/" + IamViews.enc(e.getKey()), e.getValue()))).toList(),
              "groups", acl.groups().entrySet().stream().map(e -> Map.of("gid", e.getKey(),
                  "groupurl", IamViews.BASE + "/groups/" + IamViews.enc(e.getKey()),
                  "actions", IamViews.actions(base + "/groups/" + IamViews.enc(e.getKey()), e.getValue()))).toList()));
        });
    addPolicyQuery(r);
    for (Principal kind : Principal.values()) {
      String p = kind == Principal.USER ? "users" : "groups";
      r.get(b + "/{rid}/" + p + "/{id}", req -> {
            IamAcl acl = acl(req);
            String id = req.pathParam("id");
            IamCommands.principalMustExist(iam.image(), kind, id);
            List<String> actions = (kind == Principal.USER ? acl.users() : acl.groups()).getOrDefault(id, List.of());
            return Response.ok(Map.of("actions", IamViews.actions(IamViews.aclUrl(acl.rid()) + "/" + p + "/" + IamViews.enc(id), actions)));
          })
          .delete(b + "/{rid}/" + p + "/{id}", req -> {
            iam.write(i -> IamCommands.revoke(i, rid(req), kind, req.pathParam("id"), null));
            return Response.empty(204);
          })
          .get(b + "/{rid}/" + p + "/{id}/{action}", req -> {
            String rid = rid(req);
            String id = req.pathParam("id");
            String action = IamCommands.checkAction(req.pathParam("action"));
            acl(req);
            IamCommands.principalMustExist(iam.image(), kind, id);
            boolean allowed = kind == Principal.USER ? Authorizer.allowed(iam.image(), id, rid, action)
                : iam.image().acl(rid).map(a -> a.groups().getOrDefault(id, List.of()))
                    .map(actions -> actions.contains("full") || actions.contains(action)).orElse(false);
            return Response.ok(Map.of("allowed", allowed));
          })
          .put(b + "/{rid}/" + p + "/{id}/{action}", req -> {
            iam.write(i -> IamCommands.grant(i, rid(req), kind, req.pathParam("id"), req.pathParam("action")));
            return Response.empty(204);
          })
          .delete(b + "/{rid}/" + p + "/{id}/{action}", req -> {
            iam.write(i -> IamCommands.revoke(i, rid(req), kind, req.pathParam("id"), req.pathParam("action")));
            return Response.empty(204);
          });
    }
  }

  /** The policy query of authorizers elsewhere (agents' gateways): a decision for any rid, with or without its own ACL. */
  void addPolicyQuery(Routes.Builder r) {
    r.get(IamViews.BASE + "/internal/policyquery", req -> {
      String rid = req.query("rid").filter(v -> !v.isBlank())
          .orElseThrow(() -> IamErrors.invalid("Query parameter `rid` is required"));
      String uid = req.query("uid").filter(v -> !v.isBlank())
          .orElseThrow(() -> IamErrors.invalid("Query parameter `uid` is required"));
      String action = IamCommands.checkAction(req.query("action").orElse("full"));
      return Response.ok(Map.of("allowed", Authorizer.allowed(iam.image(), uid, rid, action)));
    });
  }

  private static String rid(Request req) {
    return IamViews.rid(req.pathParam("rid"));
  }

  private IamAcl acl(Request req) {
    String rid = rid(req);
    return iam.image().acl(rid).orElseThrow(() -> IamErrors.unknownAcl(rid));
  }
}

package io.berth.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** DC/OS's IAM API ({@code /acs/api/v1}) through the gateway: login, users, groups, service accounts, permissions. */
public final class IamClient {
  private static final String BASE = "/acs/api/v1";
  private final GatewayHttp http;

  public IamClient(GatewayHttp http) {
    this.http = http;
  }

  /** Logs in with a user id and password; returns the token. */
  public String login(String uid, String password) {
    return http.send("POST", BASE + "/auth/login", Map.of("uid", uid, "password", password)).path("token").asText();
  }

  public void logout() {
    http.get(BASE + "/auth/logout");
  }

  /** Users ({@code service=false}) or service accounts ({@code service=true}): {@code {"array": [...]}}. */
  public JsonNode users(boolean service) {
    return http.get(BASE + "/users" + (service ? "?type=service" : ""));
  }

  public JsonNode user(String uid) {
    return http.get(BASE + "/users/" + GatewayHttp.encode(uid));
  }

  /** Creates a user (with a password) or a service account (with a PEM public key). */
  public void createUser(String uid, String description, String password, String publicKey) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (description != null) {
      body.put("description", description);
    }
    if (password != null) {
      body.put("password", password);
    }
    if (publicKey != null) {
      body.put("public_key", publicKey);
    }
    http.send("PUT", BASE + "/users/" + GatewayHttp.encode(uid), body);
  }

  public void deleteUser(String uid) {
    http.send("DELETE", BASE + "/users/" + GatewayHttp.encode(uid), null);
  }

  public JsonNode groups() {
    return http.get(BASE + "/groups");
  }

  public void createGroup(String gid, String description) {
    http.send("PUT", BASE + "/groups/" + GatewayHttp.encode(gid), description == null ? Map.of() : Map.of("description", description));
  }

  public void deleteGroup(String gid) {
    http.send("DELETE", BASE + "/groups/" + GatewayHttp.encode(gid), null);
  }

  public JsonNode members(String gid) {
    return http.get(BASE + "/groups/" + GatewayHttp.encode(gid) + "/users");
  }

  public void addMember(String gid, String uid) {
    http.send("PUT", BASE + "/groups/" + GatewayHttp.encode(gid) + "/users/" + GatewayHttp.encode(uid), null);
  }

  public void removeMember(String gid, String uid) {
    http.send("DELETE", BASE + "/groups/" + GatewayHttp.encode(gid) + "/users/" + GatewayHttp.encode(uid), null);
  }

  /** A user's permissions: {@code {"direct": [...], "groups": [...]}}. */
  public JsonNode permissions(String uid) {
    return http.get(BASE + "/users/" + GatewayHttp.encode(uid) + "/permissions");
  }

  /** Creates the ACL {@code rid} when it does not exist yet, then grants {@code action} on it to the user. */
  public void grant(String uid, String rid, String action) {
    try {
      http.send("PUT", BASE + "/acls/" + rid(rid), Map.of("description", rid));
    } catch (ApiException e) {
      if (e.status() != 409) {
        throw e;
      }
    }
    http.send("PUT", BASE + "/acls/" + rid(rid) + "/users/" + GatewayHttp.encode(uid) + "/" + GatewayHttp.encode(action), null);
  }

  public void revoke(String uid, String rid, String action) {
    http.send("DELETE", BASE + "/acls/" + rid(rid) + "/users/" + GatewayHttp.encode(uid) + "/" + GatewayHttp.encode(action), null);
  }

  /** A resource id as a path segment: {@code /} inside it travels as {@code %252F}, as DC/OS clients send it. */
  private static String rid(String rid) {
    return GatewayHttp.encode(rid).replace("%2F", "%252F");
  }
}

package io.berth.iam;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.http.ErrorRenderer;
import io.berth.http.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** IAM's error shape: {@code {"title": "Bad Request", "description": "...", "code": "ERR_INVALID_DATA"}}. */
public final class IamErrors {
  private IamErrors() {}

  public static ErrorRenderer renderer() {
    return e -> body(e.code().httpStatus(), iamCode(e), e.getMessage());
  }

  /** An IAM error answer with an explicit status (429 has no {@link ErrorCode}). */
  public static Response body(int status, String code, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", title(status));
    body.put("description", description);
    body.put("code", code);
    Map<String, String> headers = status == 401 ? Map.of("WWW-Authenticate", "acsjwt") : Map.of();
    return new Response.JsonBody(status, body, headers);
  }

  static String iamCode(BerthException e) {
    if (e instanceof IamException i) {
      return i.iamCode();
    }
    return switch (e.code()) {
      case BAD_REQUEST, INVALID, TOO_LARGE -> "ERR_INVALID_DATA";
      case UNAUTHORIZED -> "ERR_INVALID_CREDENTIALS";
      case FORBIDDEN -> "ERR_FORBIDDEN";
      case NOT_FOUND -> "ERR_NOT_FOUND";
      case METHOD_NOT_ALLOWED -> "ERR_METHOD_NOT_ALLOWED";
      case CONFLICT -> "ERR_CONFLICT";
      case NOT_LEADER, UNAVAILABLE -> "ERR_SERVICE_UNAVAILABLE";
      case INTERNAL -> "ERR_INTERNAL";
    };
  }

  static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Payload Too Large";
      case 422 -> "Unprocessable Entity";
      case 429 -> "Too Many Requests";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> "Internal Server Error";
    };
  }

  static IamException invalid(String message) {
    return new IamException(ErrorCode.BAD_REQUEST, "ERR_INVALID_DATA", message);
  }

  static IamException unknownUser(String uid) {
    return new IamException(ErrorCode.NOT_FOUND, "ERR_UNKNOWN_USER_ID", "User with uid `" + uid + "` not known.");
  }

  static IamException unknownGroup(String gid) {
    return new IamException(ErrorCode.NOT_FOUND, "ERR_UNKNOWN_GROUP_ID", "Group with gid `" + gid + "` not known.");
  }

  static IamException unknownAcl(String rid) {
    return new IamException(ErrorCode.NOT_FOUND, "ERR_UNKNOWN_RESOURCE_ID", "ACL for resource ID `" + rid + "` not found.");
  }

  static IamException invalidCredentials(String message) {
    return new IamException(ErrorCode.UNAUTHORIZED, "ERR_INVALID_CREDENTIALS", message);
  }
}

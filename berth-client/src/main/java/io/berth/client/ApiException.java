package io.berth.client;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;

/** A Berth API answered with an error status; {@code body} is what it said. */
public final class ApiException extends BerthException {
  private final int status;
  private final String body;

  public ApiException(String method, String url, int status, String body) {
    super(codeOf(status), method + " " + url + " answered " + status + ": " + body);
    this.status = status;
    this.body = body;
  }

  public int status() {
    return status;
  }

  public String body() {
    return body;
  }

  private static ErrorCode codeOf(int status) {
    return switch (status) {
      case 400 -> ErrorCode.BAD_REQUEST;
      case 401 -> ErrorCode.UNAUTHORIZED;
      case 403 -> ErrorCode.FORBIDDEN;
      case 404 -> ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 409 -> ErrorCode.CONFLICT;
      case 413 -> ErrorCode.TOO_LARGE;
      case 422 -> ErrorCode.INVALID;
      case 503 -> ErrorCode.UNAVAILABLE;
      default -> ErrorCode.INTERNAL;
    };
  }
}

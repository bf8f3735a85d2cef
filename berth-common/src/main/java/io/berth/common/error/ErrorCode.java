package io.berth.common.error;

/**
 * The one error taxonomy of Berth. Each code maps to one HTTP status; each API renders it in its own
 * body shape (Mesos text, Marathon {message, details}, Cosmos {type, message, data}, IAM {title, description, code}).
 */
public enum ErrorCode {
  /** The request cannot be parsed (broken JSON, wrong types, missing required parameters). */
  BAD_REQUEST(400),
  /** The caller is not authenticated. */
  UNAUTHORIZED(401),
  /** The caller may not do this, or the path lies outside what may be served. */
  FORBIDDEN(403),
  /** The named thing does not exist. */
  NOT_FOUND(404),
  /** The method is not supported on this path. */
  METHOD_NOT_ALLOWED(405),
  /** The request conflicts with the current state (already exists, locked by a deployment). */
  CONFLICT(409),
  /** The request body is too large. */
  TOO_LARGE(413),
  /** The request parses but its content is invalid (negative resources, bad ids). */
  INVALID(422),
  /** This node is not the leader; the request must go to the leader. */
  NOT_LEADER(503),
  /** A dependency is unavailable right now (ZooKeeper, an agent); retrying later may work. */
  UNAVAILABLE(503),
  /** A bug or an unexpected failure. */
  INTERNAL(500);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}

package io.berth.common.error;

import java.util.List;

/**
 * A failure with an {@link ErrorCode}. {@code details} are per-field problems ({@code path}: what is wrong),
 * rendered by APIs that have a place for them (Marathon's {@code details}).
 */
public class BerthException extends RuntimeException {
  private final ErrorCode code;
  private final List<Detail> details;

  public BerthException(ErrorCode code, String message) {
    this(code, message, List.of(), null);
  }

  public BerthException(ErrorCode code, String message, Throwable cause) {
    this(code, message, List.of(), cause);
  }

  public BerthException(ErrorCode code, String message, List<Detail> details, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.details = List.copyOf(details);
  }

  public ErrorCode code() {
    return code;
  }

  public List<Detail> details() {
    return details;
  }

  public static BerthException badRequest(String message) {
    return new BerthException(ErrorCode.BAD_REQUEST, message);
  }

  public static BerthException invalid(String message) {
    return new BerthException(ErrorCode.INVALID, message);
  }

  public static BerthException invalid(String message, List<Detail> details) {
    return new BerthException(ErrorCode.INVALID, message, details, null);
  }

  public static BerthException notFound(String message) {
    return new BerthException(ErrorCode.NOT_FOUND, message);
  }

  public static BerthException conflict(String message) {
    return new BerthException(ErrorCode.CONFLICT, message);
  }

  public static BerthException forbidden(String message) {
    return new BerthException(ErrorCode.FORBIDDEN, message);
  }

  public static BerthException unavailable(String message) {
    return new BerthException(ErrorCode.UNAVAILABLE, message);
  }

  /** One problem with one field: {@code path} like {@code /resources/cpus}, and what is wrong with it. */
  public record Detail(String path, List<String> errors) {
    public static Detail of(String path, String error) {
      return new Detail(path, List.of(error));
    }
  }
}

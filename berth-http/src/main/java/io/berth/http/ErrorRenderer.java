package io.berth.http;

import io.berth.api.error.ErrorBody;
import io.berth.common.error.BerthException;
import java.util.Map;

/** Renders a {@link BerthException} in the error shape of one API. The HTTP status always comes from its code. */
@FunctionalInterface
public interface ErrorRenderer {
  Response render(BerthException error);

  /** Berth's own APIs: {@code {"code": "NOT_FOUND", "message": "...", "details": [...]}}. */
  static ErrorRenderer json() {
    return e -> new Response.JsonBody(e.code().httpStatus(),
        new ErrorBody(e.code().name(), e.getMessage(), e.details().isEmpty() ? null : e.details()), Map.of());
  }

  /** Mesos' APIs answer errors with a plain-text message. */
  static ErrorRenderer text() {
    return e -> Response.text(e.code().httpStatus(), e.getMessage());
  }
}

package io.berth.marathon.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.http.ErrorRenderer;
import io.berth.http.Response;
import java.util.Map;

/**
 * Marathon's error shape (spec §1): {@code {"message": ..., "details": ...}}; details are a string for broken JSON
 * and {@code [{path, errors}]} for validation; locked run specs add {@code deployments}.
 */
public final class MarathonErrors {
  private MarathonErrors() {}

  public static ErrorRenderer renderer() {
    return e -> {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      if (e.code() == ErrorCode.BAD_REQUEST && e.getMessage().startsWith("Invalid JSON")) {
        body.put("message", "Invalid JSON");
        String details = e.getMessage().replaceFirst("^Invalid JSON:?\\s*", "");
        body.put("details", details.isEmpty() ? "Invalid JSON" : details);
      } else {
        body.put("message", e.getMessage());
        if (!e.details().isEmpty()) {
          var details = body.putArray("details");
          for (BerthException.Detail d : e.details()) {
            ObjectNode o = details.addObject().put("path", d.path());
            d.errors().forEach(o.putArray("errors")::add);
          }
        }
      }
      if (e instanceof LockedException locked) {
        var deployments = body.putArray("deployments");
        locked.deploymentIds().forEach(id -> deployments.addObject().put("id", id));
      }
      int status = e.code() == ErrorCode.NOT_LEADER ? 503 : e.code().httpStatus();
      return new Response.JsonBody(status, body, Map.of());
    };
  }
}

package io.berth.metronome.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.BerthException;
import io.berth.http.ErrorRenderer;
import io.berth.http.Response;
import io.berth.metronome.MetronomeError;
import java.util.Map;

/**
 * Metronome's error bodies: {@code {"message": ...}}, with {@code details} ({@code [{"path", "errors"}]}) for
 * validation failures and the extra fields of {@link MetronomeError} ({@code id}, {@code jobSpec},
 * {@code requestPath}).
 */
final class MetronomeErrors implements ErrorRenderer {
  @Override
  public Response render(BerthException e) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    if (e instanceof MetronomeError m) {
      m.fields().forEach(body::put);
    }
    body.put("message", e.getMessage());
    if (!e.details().isEmpty()) {
      ArrayNode details = body.putArray("details");
      for (BerthException.Detail d : e.details()) {
        ObjectNode o = details.addObject();
        o.put("path", d.path());
        ArrayNode errors = o.putArray("errors");
        d.errors().forEach(errors::add);
      }
    }
    return new Response.JsonBody(e.code().httpStatus(), body, Map.of());
  }
}

package io.berth.metronome.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.common.json.Json;
import io.berth.http.Handler;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.master.Leadership;
import io.berth.metronome.MetronomeError;
import io.berth.metronome.json.JobSpecReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What every Metronome handler needs from a request: the leader, a JSON body, a valid id, the embed options. */
final class ApiRequests {
  static final List<String> EMBEDS = List.of("activeRuns", "schedules", "history", "historySummary");

  private ApiRequests() {}

  /**
   * Wraps a handler: a master that does not lead redirects to the leader (307), bad requests name their path, and a
   * body that is not declared JSON is refused with 415, as Play does.
   */
  static Handler handler(Leadership leadership, boolean hasBody, Handler handler) {
    return request -> {
      if (leadership.term().isEmpty()) {
        String leader = leadership.leaderUrl().orElseThrow(() -> BerthException.unavailable("There is no leader"));
        return Response.redirect(307, leader + request.path() + queryString(request.query()));
      }
      if (hasBody && !request.header("content-type").orElse("").toLowerCase(Locale.ROOT).contains("json")) {
        return Response.json(415, Map.of("message", "Expecting text/json or application/json body",
            "requestPath", request.path()));
      }
      try {
        return handler.handle(request);
      } catch (MetronomeError e) {
        throw e;
      } catch (BerthException e) {
        if (e.code() == ErrorCode.BAD_REQUEST || e.code() == ErrorCode.INTERNAL) {
          throw new MetronomeError(e.code(), e.getMessage(), Map.of("requestPath", request.path()));
        }
        throw e;
      }
    };
  }

  static JsonNode body(Request request) {
    if (request.body().length == 0) {
      throw BerthException.badRequest("Request body is empty; expected JSON");
    }
    return Json.tree(request.body());
  }

  /** The job id of the path; an invalid one is a 400, as in Metronome. */
  static String jobId(Request request) {
    String id = request.pathParam("jobId");
    if (!JobSpecReader.validId(id)) {
      throw BerthException.badRequest("Not a valid id: " + id);
    }
    return id;
  }

  /** {@code embed} values, repeated and/or comma-separated; unknown ones are a 400. */
  static Set<String> embeds(Request request) {
    Set<String> embeds = new LinkedHashSet<>();
    for (String value : request.query().getOrDefault("embed", List.of())) {
      for (String part : value.split(",")) {
        String e = part.strip();
        if (e.isEmpty()) {
          continue;
        }
        if (!EMBEDS.contains(e)) {
          throw BerthException.badRequest("Unknown embed options. Valid options are: " + String.join(", ", EMBEDS));
        }
        embeds.add(e);
      }
    }
    return embeds;
  }

  static boolean flag(Request request, String name) {
    String v = request.query(name).orElse("false").strip();
    if (!v.equals("true") && !v.equals("false")) {
      throw BerthException.badRequest("Parameter '" + name + "' must be true or false, got '" + v + "'");
    }
    return v.equals("true");
  }

  private static String queryString(Map<String, List<String>> query) {
    if (query.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    query.forEach((k, vs) -> vs.forEach(v -> parts.add(enc(k) + "=" + enc(v))));
    return parts.stream().collect(Collectors.joining("&", "?", ""));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}

package io.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.client.ApiException;
import io.berth.common.error.BerthException;
import io.berth.common.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what went wrong into one clear line and an exit code (pure): the server's own message from any of the APIs'
 * error shapes (Marathon and Metronome {@code {message, details}}, IAM {@code {title, description, code}}, Mesos text,
 * the gateway's pages), connection failures, and the login that the gateway refused.
 */
public final class Failures {
  private static final Pattern TITLE = Pattern.compile("<title>([^<]*)</title>", Pattern.CASE_INSENSITIVE);

  private Failures() {}

  /** The failure for any exception a command let through. */
  public static CliFailure of(Throwable e) {
    return switch (e) {
      case CliFailure f -> f;
      case ApiException a -> ofAnswer(a.status(), a.body());
      case BerthException b -> switch (b.code()) {
        case UNAVAILABLE -> CliFailure.server(unreachable(b));
        case BAD_REQUEST, INVALID, NOT_FOUND, CONFLICT, UNAUTHORIZED, FORBIDDEN, METHOD_NOT_ALLOWED, TOO_LARGE ->
            CliFailure.usage(b.getMessage());
        case NOT_LEADER, INTERNAL -> CliFailure.server(b.getMessage());
      };
      default -> CliFailure.server(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    };
  }

  /** An error answer: 4xx are the caller's to fix (exit 1), everything else is the server's (exit 2). */
  public static CliFailure ofAnswer(int status, String body) {
    if (status == 401) {
      return CliFailure.usage("the cluster refused the login token (expired, revoked or from another cluster): "
          + "run 'berth auth login'");
    }
    String message = message(body);
    String line = message.isEmpty() ? "the server answered " + status : message;
    if (status == 403) {
      line = "permission denied: " + line;
    }
    return status >= 400 && status < 500 ? CliFailure.usage(line) : CliFailure.server(line + " (HTTP " + status + ")");
  }

  /** The message in an error body, whatever the API's shape; details (paths and errors) appended. */
  public static String message(String body) {
    String text = body == null ? "" : body.strip();
    if (text.startsWith("{")) {
      try {
        JsonNode json = Json.tree(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String main = first(json, "message", "description", "title", "error");
        String id = json.path("id").asText("");
        if (!id.isEmpty() && !main.contains(id)) {
          main = main + ": " + id;
        }
        List<String> details = new ArrayList<>();
        for (JsonNode d : json.path("details")) {
          List<String> errors = new ArrayList<>();
          d.path("errors").forEach(x -> errors.add(x.asText()));
          String path = d.path("path").asText("");
          details.add((path.isEmpty() ? "" : path + ": ") + String.join(", ", errors));
        }
        return details.isEmpty() ? main : main + " (" + String.join("; ", details) + ")";
      } catch (RuntimeException notJson) {
        // fall through to text
      }
    }
    Matcher title = TITLE.matcher(text);
    if (title.find()) {
      return title.group(1).strip();
    }
    String firstLine = text.lines().findFirst().orElse("").strip();
    return firstLine.length() > 300 ? firstLine.substring(0, 300) + "..." : firstLine;
  }

  private static String first(JsonNode json, String... fields) {
    for (String f : fields) {
      if (json.hasNonNull(f) && !json.get(f).asText().isBlank()) {
        return json.get(f).asText();
      }
    }
    return json.toString();
  }

  private static String unreachable(BerthException b) {
    for (Throwable t = b; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLHandshakeException) {
        return "the cluster's TLS certificate is not signed by the pinned CA bundle (" + t.getMessage()
            + "); if the cluster was re-created, run 'berth cluster setup' again";
      }
      if (t instanceof java.net.ConnectException) {
        return "cannot connect to the cluster: " + b.getMessage().replaceFirst(" failed: .*", "") + " (connection refused)";
      }
      if (t instanceof java.net.http.HttpTimeoutException) {
        return "the cluster did not answer in time: " + b.getMessage();
      }
    }
    return b.getMessage();
  }
}

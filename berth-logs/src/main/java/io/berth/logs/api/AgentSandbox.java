package io.berth.logs.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A task's sandbox as the agent's own API shows it, asked with the caller's {@code Authorization} (as dcos-log asks
 * the Mesos agent, so the API's checks apply): the run's directory from {@code /state}, file contents from
 * {@code /files/read} (confined to sandboxes by the files API), listings from {@code /files/browse}.
 */
final class AgentSandbox {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final Supplier<String> agentUrl;
  private final HttpClient client;

  AgentSandbox(Supplier<String> agentUrl, HttpClient client) {
    this.agentUrl = agentUrl;
    this.client = client;
  }

  /** The directory of run {@code containerId} of the executor, or a 404. */
  String directory(String authorization, String frameworkId, String executorId, String containerId) {
    JsonNode state = Json.tree(get(authorization, "/state"));
    for (String frameworks : new String[] {"frameworks", "completed_frameworks"}) {
      for (JsonNode fw : state.path(frameworks)) {
        if (!frameworkId.equals(fw.path("id").asText())) {
          continue;
        }
        for (String executors : new String[] {"executors", "completed_executors"}) {
          for (JsonNode ex : fw.path(executors)) {
            if (executorId.equals(ex.path("id").asText()) && containerId.equals(ex.path("container").asText())) {
              return ex.path("directory").asText();
            }
          }
        }
      }
    }
    throw BerthException.notFound("No run " + containerId + " of executor " + executorId + " of framework "
        + frameworkId + " on this agent");
  }

  /** A file of the sandbox, read through {@code /files/read}. */
  TaskFileReader.FileSource file(String authorization, String path) {
    return new TaskFileReader.FileSource() {
      @Override
      public long size() {
        return Json.tree(get(authorization, "/files/read?offset=-1&path=" + enc(path))).path("offset").asLong();
      }

      @Override
      public byte[] read(long offset, int length) {
        JsonNode chunk = Json.tree(get(authorization, "/files/read?offset=" + offset + "&length=" + length + "&path="
            + enc(path)));
        return chunk.path("data").asText().getBytes(StandardCharsets.UTF_8);
      }
    };
  }

  /** The listing of a directory, as the files API gives it. */
  io.berth.http.Response browse(io.berth.http.Request request, String path) {
    return new io.berth.http.Response.Bytes(200, "application/json",
        get(request.header("Authorization").orElse(null), "/files/browse?path=" + enc(path)), java.util.Map.of());
  }

  private byte[] get(String authorization, String pathAndQuery) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(agentUrl.get() + pathAndQuery)).timeout(TIMEOUT).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<byte[]> answer;
    try {
      answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new BerthException(ErrorCode.UNAVAILABLE, "The agent API did not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BerthException(ErrorCode.UNAVAILABLE, "Interrupted while asking the agent API", e);
    }
    String body = new String(answer.body(), StandardCharsets.UTF_8);
    return switch (answer.statusCode()) {
      case 200 -> answer.body();
      case 400 -> throw BerthException.badRequest(body);
      case 401 -> throw new BerthException(ErrorCode.UNAUTHORIZED, body);
      case 403 -> throw BerthException.forbidden(body);
      case 404 -> throw BerthException.notFound(body);
      default -> throw new BerthException(ErrorCode.INTERNAL, "The agent API answered " + answer.statusCode() + ": " + body);
    };
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

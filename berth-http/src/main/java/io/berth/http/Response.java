package io.berth.http;

import io.berth.common.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a handler answers. Sealed: JSON, raw bytes, or a stream written while the client listens. */
public sealed interface Response {
  int status();

  Map<String, String> headers();

  /** A JSON body, written with the one mapper. */
  record JsonBody(int status, Object body, Map<String, String> headers) implements Response {}

  /** Raw bytes with a content type (text, files). */
  record Bytes(int status, String contentType, byte[] body, Map<String, String> headers) implements Response {}

  /**
   * A body written incrementally (event streams, downloads). {@code writer} runs on the request's virtual
   * thread and returns when the stream ends; it sees an {@link IOException} once the client goes away.
   */
  record Stream(int status, String contentType, Map<String, String> headers, StreamWriter writer) implements Response {}

  @FunctionalInterface
  interface StreamWriter {
    void write(OutputStream out) throws IOException;
  }

  static Response ok(Object body) {
    return new JsonBody(200, body, Map.of());
  }

  static Response json(int status, Object body) {
    return new JsonBody(status, body, Map.of());
  }

  static Response text(int status, String text) {
    return new Bytes(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  static Response empty(int status) {
    return new Bytes(status, "text/plain; charset=utf-8", new byte[0], Map.of());
  }

  static Response redirect(int status, String location) {
    return new Bytes(status, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location));
  }

  /** The body bytes of a non-streaming response. */
  static byte[] bytesOf(Response response) {
    return switch (response) {
      case JsonBody j -> Json.write(j.body());
      case Bytes b -> b.body();
      case Stream s -> throw new IllegalArgumentException("a stream has no fixed body");
    };
  }
}

package io.berth.iam;

import io.berth.common.id.IdGenerator;
import io.berth.common.json.Json;
import io.berth.http.HttpServer;
import io.berth.testkit.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * What the IAM API tests share: an {@link IamService} on a test clock that leads (state in an {@link ImageWriter})
 * with the superuser {@code bootstrapuser} / {@code secret-pw}, and its HTTP API on a free port.
 */
final class IamHttpFixture implements AutoCloseable {
  final TestClock clock = new TestClock();
  final ImageWriter state = new ImageWriter();
  final IamService iam;
  final HttpServer server;
  private final HttpClient client;

  /** @param loginAttempts failed logins allowed per user and source within a minute */
  IamHttpFixture(int loginAttempts, HttpClient client) {
    this.client = client;
    iam = new IamService(new IamConfig(Duration.ofDays(5), 4, loginAttempts, Duration.ofMinutes(1), false), state::image,
        clock, clock, IdGenerator.sequential("key"));
    iam.lead(state);
    iam.bootstrap("bootstrapuser", "secret-pw", List.of());
    server = HttpServer.start("127.0.0.1", 0, List.of(new IamApi(iam, new AuthApi(iam)).routes()));
  }

  /** Calls {@code /acs/api/v1<path>}; a String body goes as it is, anything else as JSON. */
  HttpResponse<String> call(String method, String path, Object body) throws Exception {
    return send(method, server.url() + "/acs/api/v1" + path, body);
  }

  HttpResponse<String> send(String method, String url, Object body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).method(method, body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body instanceof String s ? s.getBytes() : Json.write(body))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    server.close();
    client.close();
  }
}

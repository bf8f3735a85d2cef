package io.berth.e2e;

import io.berth.client.TrustBundle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The DC/OS logs API of a {@code berth up} cluster through its gateway (HTTPS, pinned CA, the superuser's token), as
 * DC/OS tools call it: plain requests that do not follow redirects, and an event-stream follower.
 */
final class LogsApiProbe implements AutoCloseable {
  private final String gateway;
  private final String token;
  private final HttpClient client;
  private final List<Stream<String>> streams = new CopyOnWriteArrayList<>();

  LogsApiProbe(BerthUp cluster) throws IOException {
    this.gateway = cluster.cluster().path("gateway").asText();
    this.token = cluster.token();
    this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .sslContext(TrustBundle.parse(Files.readAllBytes(cluster.dir.resolve("ca.crt"))).sslContext()).build();
  }

  /** One GET of a gateway path (e.g. {@code /system/v1/logs/v2/task/x}), without following a redirect. */
  HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", "token=" + token)
        .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Opens an event stream of a gateway path; every line it sends lands in the returned list (until {@link #close}). */
  List<String> follow(String path) throws IOException, InterruptedException {
    HttpResponse<Stream<String>> answer = client.send(HttpRequest.newBuilder(URI.create(gateway + path))
        .header("Authorization", "token=" + token).header("Accept", "text/event-stream").GET().build(),
        HttpResponse.BodyHandlers.ofLines());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("the stream " + path + " answered " + answer.statusCode());
    }
    List<String> lines = new CopyOnWriteArrayList<>();
    streams.add(answer.body());
    Thread.ofVirtual().start(() -> {
      try {
        answer.body().forEach(lines::add);
      } catch (RuntimeException e) {
        // closed by close()
      }
    });
    return lines;
  }

  @Override
  public void close() {
    streams.forEach(Stream::close);
    client.close();
  }
}

package io.berth.gateway;

import io.berth.common.id.IdGenerator;
import io.berth.common.json.Json;
import io.berth.http.ErrorRenderer;
import io.berth.http.HttpServer;
import io.berth.http.ReverseProxy;
import io.berth.http.Response;
import io.berth.http.Routes;
import io.berth.iam.AuthApi;
import io.berth.iam.IamApi;
import io.berth.iam.IamConfig;
import io.berth.iam.IamService;
import io.berth.secrets.ca.CaApi;
import io.berth.secrets.ca.CaService;
import io.berth.state.StateWriter;
import io.berth.state.image.ClusterImage;
import io.berth.testkit.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A master's gateway in one JVM: IAM and the CA on an in-memory state, a backend HTTP server standing in for the
 * master, Marathon and Metronome, and the real {@link ReverseProxy} with the real {@link GatewayRouter}.
 */
final class GatewayFixture implements AutoCloseable {
  final TestClock clock = new TestClock();
  volatile ClusterImage image = ClusterImage.EMPTY;
  final StateWriter writer = new StateWriter() {
    @Override
    public synchronized <T> CompletableFuture<T> write(Function<ClusterImage, Write<T>> command) {
      try {
        Write<T> w = command.apply(image);
        image = image.apply(image.offset() + 1, w.records());
        return CompletableFuture.completedFuture(w.result());
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
  };
  final IamService iam = new IamService(new IamConfig(Duration.ofDays(5), 4, 1000, Duration.ofMinutes(1), false),
      () -> image, clock, clock, IdGenerator.sequential("key"));
  final CaService ca = new CaService(() -> image, clock);
  final HttpServer backend;
  final ReverseProxy proxy;
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  GatewayFixture(GatewayConfig config) {
    iam.lead(writer);
    ca.lead(writer);
    ca.bootstrap(null);
    iam.bootstrap("bootstrapuser", "bootstrap-pw", List.of());
    backend = HttpServer.start("127.0.0.1", 0, List.of(Routes.builder(ErrorRenderer.json())
        .get("/{path...}", req -> Response.ok(Map.of("path", req.path(), "auth", req.header("authorization").orElse(""),
            "cookie", req.header("cookie").orElse(""))))
        .post("/{path...}", req -> Response.ok(Map.of("path", req.path())))
        .build()));
    Map<Component, Components.Endpoint> endpoints = Map.of(
        Component.MESOS, new Components.Endpoint(backend.url(), null),
        Component.MARATHON, new Components.Endpoint(backend.url(), "/v2/info"),
        Component.METRONOME, new Components.Endpoint(backend.url(), "/v1/jobs"));
    GatewayRouter router = new GatewayRouter(new GatewayRouter.Parts(config, false, () -> image, iam::verifier,
        Policy.of(iam::image), new Components(endpoints, clock), new IamApi(iam, new AuthApi(iam)).routes(),
        new CaApi(ca).routes(), this::tlsPort, clock), clock);
    proxy = ReverseProxy.start("127.0.0.1", 0, router, new AccessLogger(), IdGenerator.sequential("req"), clock);
  }

  int tlsPort() {
    return proxy == null ? -1 : proxy.tlsPort();
  }

  String url() {
    return proxy.url();
  }

  HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(Json.write(body)));
    if (token != null) {
      b.header("Authorization", "token=" + token);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  String login(String uid, String password) throws Exception {
    HttpResponse<String> r = send("POST", "/acs/api/v1/auth/login", null, Map.of("uid", uid, "password", password));
    if (r.statusCode() != 200) {
      throw new AssertionError("login of " + uid + ": " + r.statusCode() + " " + r.body());
    }
    return Json.tree(r.body().getBytes()).path("token").asText();
  }

  @Override
  public void close() {
    proxy.close();
    backend.close();
  }
}

package io.berth.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.id.IdGenerator;
import io.berth.common.time.SystemTime;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReverseProxyTest {
  final CountDownLatch release = new CountDownLatch(1);
  final List<String> logged = new CopyOnWriteArrayList<>();
  HttpServer backend;
  ReverseProxy proxy;
  final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    backend = HttpServer.start("127.0.0.1", 0, List.of(Routes.builder(ErrorRenderer.json())
        .get("/events", req -> new Response.Stream(200, "text/event-stream", Map.of(), out -> {
          out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          out.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
        }))
        .get("/echo", req -> Response.ok(Map.of("path", req.path(), "query", req.query(),
            "auth", req.header("authorization").orElse(""), "cookie", req.header("cookie").orElse(""),
            "xff", req.header("x-forwarded-for").orElse(""), "rid", req.header("x-request-id").orElse(""))))
        .get("/moved", req -> Response.redirect(302, "/elsewhere"))
        .build()));
    ProxyRouter router = head -> switch (head.path().split("/")[1]) {
      case "svc" -> new ProxyDecision.Forward(URI.create(backend.url() + head.rawPath().substring(4)
          + (head.rawQuery() == null ? "" : "?" + head.rawQuery())), Map.of("Authorization", "token=inner"),
          List.of("cookie"), Duration.ofSeconds(30), "/svc");
      case "local" -> new ProxyDecision.Serve(Routes.builder(ErrorRenderer.json()).post("/local", r -> Response.ok(Map.of("len", r.body().length))).build());
      case "ws" -> new ProxyDecision.Forward(URI.create("http://127.0.0.1:" + wsPort + "/socket"), Map.of(), List.of(),
          Duration.ofSeconds(30), null);
      case "wsidle" -> new ProxyDecision.Forward(URI.create("http://127.0.0.1:" + wsPort + "/socket"), Map.of(), List.of(),
          Duration.ofMillis(500), null);
      // a decision that needs I/O: made on a virtual thread, then carried out like any other
      case "deferred" -> new ProxyDecision.Defer(() -> head.path().endsWith("/stream")
          ? new ProxyDecision.Answer(new Response.Stream(200, "text/plain", Map.of(), out -> out.write(
              (Thread.currentThread().isVirtual() ? "virtual" : "platform").getBytes(StandardCharsets.UTF_8))))
          : new ProxyDecision.Forward(URI.create(backend.url() + "/echo"), Map.of(), List.of(), Duration.ofSeconds(30), null));
      case "failing" -> new ProxyDecision.Defer(() -> {
        throw new IllegalStateException("the component is gone");
      });
      default -> new ProxyDecision.Answer(Response.text(404, "nothing here"));
    };
    proxy = ReverseProxy.start("127.0.0.1", 0, router, (head, id, status, nanos) -> logged.add(head.path() + " " + status + " " + id),
        IdGenerator.sequential("req"), SystemTime.ticker());
  }

  int wsPort;

  @AfterEach
  void stop() {
    release.countDown();
    proxy.close();
    backend.close();
  }

  @Test
  void forwardsWithHeaderRulesRequestIdsAndAnAccessLog() throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(proxy.url() + "/svc/echo?a=1%202"))
        .header("Cookie", "dcos-acs-auth-cookie=x").header("Authorization", "token=outer").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"path\":\"/echo\"", "\"a\":[\"1 2\"]", "\"auth\":\"token=inner\"", "\"cookie\":\"\"",
        "\"xff\":\"127.0.0.1\"", "\"rid\":\"req-1\"");
    assertThat(r.headers().firstValue("X-Request-Id")).contains("req-1");
    HttpResponse<String> moved = client.send(HttpRequest.newBuilder(URI.create(proxy.url() + "/svc/moved")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(moved.headers().firstValue("Location")).contains("/svc/elsewhere");
    assertThat(client.send(HttpRequest.newBuilder(URI.create(proxy.url() + "/nope")).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode()).isEqualTo(404);
    assertThat(client.send(HttpRequest.newBuilder(URI.create(proxy.url() + "/local")).POST(HttpRequest.BodyPublishers.ofString("12345")).build(),
        HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"len\":5}");
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> logged.size() >= 4);
    assertThat(logged).contains("/svc/echo 200 req-1", "/nope 404 req-3");
  }

  @Test
  void deferredDecisionsAreMadeOnAVirtualThreadAndCarriedOut() throws Exception {
    HttpResponse<String> forwarded = client.send(HttpRequest.newBuilder(URI.create(proxy.url() + "/deferred/x")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(forwarded.statusCode()).isEqualTo(200);
    assertThat(forwarded.body()).contains("\"path\":\"/echo\"");
    HttpResponse<String> streamed = client.send(HttpRequest.newBuilder(URI.create(proxy.url() + "/deferred/stream")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(streamed.body()).isEqualTo("virtual");
    HttpResponse<String> failed = client.send(HttpRequest.newBuilder(URI.create(proxy.url() + "/failing")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(failed.headers().firstValue("X-Request-Id")).isPresent();
  }

  @Test
  void eventStreamsPassThroughWithoutBuffering() throws Exception {
    HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(proxy.url() + "/svc/events")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).isEqualTo("data: first"); // arrives while the backend still holds the stream open
      release.countDown();
      lines.readLine();
      assertThat(lines.readLine()).isEqualTo("data: second");
    }
  }

  @Test
  void webSocketsAreTunnelled() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      EchoSocket ws = echoThroughTheGateway(server, "/ws");
      ws.socket().sendText("hello through the gateway", true);
      assertThat(ws.received().get(10, TimeUnit.SECONDS)).isEqualTo("hello through the gateway");
      ws.socket().abort();
    }
  }

  @Test
  void aTunnelWithoutTrafficForTheRoutesIdleTimeoutIsClosed() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      EchoSocket ws = echoThroughTheGateway(server, "/wsidle");
      ws.socket().sendText("still there?", true);
      assertThat(ws.received().get(10, TimeUnit.SECONDS)).isEqualTo("still there?");
      assertThat(ws.ended().get(10, TimeUnit.SECONDS)).isNotEmpty(); // silent for 500 ms: the gateway ended the tunnel
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> logged.stream().anyMatch(l -> l.startsWith("/wsidle 101")));
    }
  }

  /** A WebSocket client through the gateway, what it received first, and how it ended. */
  record EchoSocket(WebSocket socket, CompletableFuture<String> received, CompletableFuture<String> ended) {}

  /** Starts the one-frame echo server on {@code server} and opens a WebSocket to it through the gateway's {@code path}. */
  private EchoSocket echoThroughTheGateway(ServerSocket server, String path) throws Exception {
    wsPort = server.getLocalPort();
    Thread.ofVirtual().start(() -> echoOneFrame(server));
    CompletableFuture<String> received = new CompletableFuture<>();
    CompletableFuture<String> ended = new CompletableFuture<>();
    WebSocket ws = client.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + proxy.port() + path),
        new WebSocket.Listener() {
          @Override
          public java.util.concurrent.CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            received.complete(data.toString());
            socket.request(1);
            return null;
          }

          @Override
          public java.util.concurrent.CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            ended.complete("closed");
            return null;
          }

          @Override
          public void onError(WebSocket socket, Throwable error) {
            ended.complete("ended: " + error);
          }
        }).get(10, TimeUnit.SECONDS);
    return new EchoSocket(ws, received, ended);
  }

  /** A minimal WebSocket server: handshake, then echo one short masked text frame unmasked. */
  private static void echoOneFrame(ServerSocket server) {
    try (Socket s = server.accept()) {
      InputStream in = s.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        head.append((char) in.read());
      }
      String key = head.toString().lines().filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
          .findFirst().orElseThrow().split(":", 2)[1].trim();
      String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
          .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
      OutputStream out = s.getOutputStream();
      out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
          + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      int b0 = in.read();
      int len = in.read() & 0x7f;
      byte[] mask = in.readNBytes(4);
      byte[] payload = in.readNBytes(len);
      for (int i = 0; i < len; i++) {
        payload[i] ^= mask[i % 4];
      }
      out.write(new byte[] {(byte) b0, (byte) len});
      out.write(payload);
      out.flush();
      in.read(); // wait until the client goes
    } catch (Exception e) {
      // the test fails on its own assertions
    }
  }
}
